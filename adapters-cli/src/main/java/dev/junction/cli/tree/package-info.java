/** Turns command-line flags and {@code TRAEFIK_*} environment variables into configuration trees. */
package dev.junction.cli.tree;
