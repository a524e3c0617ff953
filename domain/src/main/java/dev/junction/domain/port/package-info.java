/** The ports: what Junction needs from the outside world, named by intent, implemented by adapters. */
package dev.junction.domain.port;
