/** Traefik v3 router rules: the rule language parsed once into a matcher tree, its priority, and why it (did not) match. */
package dev.junction.domain.rule;
