/** {@code contentType}: giving an answer without {@code Content-Type} one, sniffed from its first bytes. */
package dev.junction.domain.middleware.contenttype;
