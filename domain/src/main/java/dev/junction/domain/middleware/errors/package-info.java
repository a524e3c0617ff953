/** {@code errors}: serving a custom page, fetched from another service, in place of an error answer. */
package dev.junction.domain.middleware.errors;
