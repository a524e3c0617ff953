/** HTTP Basic authentication: the {@code basicAuth} middleware and the password-hash port it verifies through. */
package dev.junction.domain.auth;
