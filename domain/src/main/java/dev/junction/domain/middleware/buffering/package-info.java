/** {@code buffering}: reading whole request and response bodies before passing them on, within size limits. */
package dev.junction.domain.middleware.buffering;
