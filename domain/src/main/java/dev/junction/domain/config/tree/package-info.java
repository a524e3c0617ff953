/** The source-neutral configuration tree that every configuration source produces. */
package dev.junction.domain.config.tree;
