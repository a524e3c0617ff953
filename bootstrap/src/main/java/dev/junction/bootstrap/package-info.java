/** Where the adapters meet: one Guice module per adapter, the runnable entry point and the demo. */
package dev.junction.bootstrap;
