/** Immutable routing snapshots and the one reference through which a new snapshot replaces the old. */
package dev.junction.application.routing;
