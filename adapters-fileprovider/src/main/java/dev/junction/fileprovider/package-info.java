/** Reads YAML and TOML configuration files into configuration trees, and watches the file provider's files. */
package dev.junction.fileprovider;
