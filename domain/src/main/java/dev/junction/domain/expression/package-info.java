/**
 * Oxy's expression language, in which Traefik users write circuit-breaker conditions and buffering retry rules:
 * parsed once into a predicate, evaluated against whatever the using middleware measures.
 */
package dev.junction.domain.expression;
