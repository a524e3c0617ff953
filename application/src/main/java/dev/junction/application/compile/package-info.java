/** Turns a validated configuration into an immutable routing snapshot, object by object, keeping every error. */
package dev.junction.application.compile;
