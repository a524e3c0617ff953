/** The use cases themselves: serve, check and explain, written against the ports only. */
package dev.junction.application.runtime;
