/** The use cases Junction offers to its drivers (the command line): serve, check, explain, demo. */
package dev.junction.application.port.in;
