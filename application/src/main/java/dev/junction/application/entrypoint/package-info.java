/** What happens to every request an entrypoint accepts: forwarded headers, routing, the router's chain. */
package dev.junction.application.entrypoint;
