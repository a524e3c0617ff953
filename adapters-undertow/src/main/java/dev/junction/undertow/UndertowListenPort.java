package dev.junction.undertow;

import dev.junction.application.port.out.ListenPort;
import java.util.List;
import java.util.Objects;

/** Listens with Undertow: all entrypoints as listeners of one non-blocking server. */
public final class UndertowListenPort implements ListenPort {
    private final ListenerLimits limits;

    public UndertowListenPort(ListenerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Listening listen(List<Listener> listeners) {
        UndertowEntryPoints entryPoints = new UndertowEntryPoints(listeners, limits);
        entryPoints.start();
        return entryPoints;
    }
}
