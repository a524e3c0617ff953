/** Turns configuration trees into the typed static and dynamic models, and merges trees and fragments. */
package dev.junction.application.config;
