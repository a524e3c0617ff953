/** {@code compress}: choosing a content encoding the client accepts and encoding response bodies as they stream. */
package dev.junction.domain.middleware.compress;
