/** {@code circuitBreaker}: its condition language, its rolling metrics, and its closed/open/recovering states. */
package dev.junction.domain.middleware.circuitbreaker;
