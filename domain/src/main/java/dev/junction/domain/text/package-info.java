/** Go's text conventions that Traefik configurations are written in: regular expressions and replacement templates. */
package dev.junction.domain.text;
