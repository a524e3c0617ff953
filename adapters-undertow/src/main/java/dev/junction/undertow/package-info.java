/** The inbound adapter: entrypoints as non-blocking Undertow listeners, each request handed to Junction. */
package dev.junction.undertow;
