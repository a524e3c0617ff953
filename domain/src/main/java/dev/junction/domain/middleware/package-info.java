/** The middleware contract: handle an exchange and continue with the chain, or answer it and stop. */
package dev.junction.domain.middleware;
