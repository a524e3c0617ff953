/** The end of every chain: pick a backend server, rewrite the request for it, relay its answer. */
package dev.junction.application.proxy;
