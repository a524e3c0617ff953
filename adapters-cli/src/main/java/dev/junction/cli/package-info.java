/** The command-line driver: Traefik-style flags and Junction's subcommands, on top of the use cases. */
package dev.junction.cli;
