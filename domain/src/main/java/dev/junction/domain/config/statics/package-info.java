/** The static configuration: what is fixed for the life of a process (entrypoints, providers, transport). */
package dev.junction.domain.config.statics;
