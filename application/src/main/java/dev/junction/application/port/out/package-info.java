/** What the use cases need from adapters, named by intent: listen, forward, read configuration. */
package dev.junction.application.port.out;
