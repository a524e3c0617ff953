/** {@code encodedCharacters}: refusing paths that hide separators or control characters behind escapes. */
package dev.junction.domain.middleware.encoding;
