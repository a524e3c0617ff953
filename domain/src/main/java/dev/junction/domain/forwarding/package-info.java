/** How a request is rewritten on its way to a backend: forwarded headers, hop-by-hop headers, target path. */
package dev.junction.domain.forwarding;
