/** Content encodings from codec libraries: zstd (zstd-jni) and brotli (brotli4j). */
package dev.junction.undertow.codec;
