/** {@code forwardAuth}: delegating the decision to let a request in to an authentication server. */
package dev.junction.domain.middleware.forwardauth;
