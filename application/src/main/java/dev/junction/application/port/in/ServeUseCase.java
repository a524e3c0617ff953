package dev.junction.application.port.in;

/** Runs Junction until it is told to stop; returns the process exit status. */
public interface ServeUseCase {
    int serve(StartupRequest request);
}
