package dev.junction.application.port.in;

/**
 * Starts the seed's example on its own: two small backends inside the process and the seed's routes in front
 * of them, so a newcomer sees routing, authentication and load balancing with no set-up.
 */
public interface DemoUseCase {
    int demo(int port);
}
