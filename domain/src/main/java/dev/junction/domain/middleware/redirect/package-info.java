/** Middlewares that answer with a redirect: {@code redirectScheme} and {@code redirectRegex}. */
package dev.junction.domain.middleware.redirect;
