/** Middlewares that rewrite the forwarded path: add, strip or replace a prefix or the whole path. */
package dev.junction.domain.middleware.path;
