package dev.junction.application.runtime;

import dev.junction.application.compile.ConfigurationCompiler;
import dev.junction.application.compile.MiddlewareFactory;
import dev.junction.application.compile.Transports;
import dev.junction.application.entrypoint.EntryPointHandler;
import dev.junction.application.port.in.CheckUseCase;
import dev.junction.application.port.in.ExplainUseCase;
import dev.junction.application.port.in.ServeUseCase;
import dev.junction.application.port.in.StartupRequest;
import dev.junction.application.port.out.DynamicSourceFactoryPort;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.application.port.out.ListenPort;
import dev.junction.application.routing.LiveRouting;
import dev.junction.application.routing.RoutingSnapshot;
import dev.junction.application.status.ObjectStatus;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.TraefikDuration;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.statics.EntryPointConfig;
import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.forwarding.ForwardedHeaders;
import dev.junction.domain.port.DynamicConfigurationSourcePort;
import dev.junction.domain.port.ForwardRequestPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Junction's use cases over its ports. Serving: static configuration, then the backend transport, then the
 * first dynamic configuration compiled into a snapshot, then the listeners; every later provider update is
 * compiled off the request path and swapped in atomically. Stopping: stop accepting, drain, close.
 */
public final class JunctionRuntime implements ServeUseCase, CheckUseCase, ExplainUseCase {
    private static final System.Logger LOG = System.getLogger("junction");
    /** The forwarder of check and explain, which compile routes but never serve them. */
    private static final ForwardRequestPort OFFLINE = (request, handler) -> {
        throw new IllegalStateException("check and explain never forward a request");
    };

    /** How long {@link #stop} waits beyond the configured grace times for serving to end. */
    private static final Duration STOP_SLACK = Duration.ofSeconds(5);

    private final StaticConfigurationLoader staticLoader;
    private final DynamicSourceFactoryPort sources;
    private final ForwarderFactoryPort forwarders;
    /** The shared rate-limit stores the middlewares open, kept, renewed and retired with each configuration. */
    private final OpenedStores stores;
    private final ListenPort listen;
    private final MiddlewareFactory middlewares;
    private final String serverName;
    private final LiveRouting routing = new LiveRouting();
    private final AtomicLong generation = new AtomicLong();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ListenPort.Listening listening;
    private volatile boolean serving;
    private volatile Duration stopBound = EntryPointTransport.DEFAULTS.graceTimeOut().plus(STOP_SLACK);
    /**
     * The disabled and warning statuses already logged, so a reload logs only what changed: a router broken for
     * an hour is one error line, not one per reload. Source problems (a file that does not parse) are not logged
     * here: the source logs each once, saying what it keeps serving; they stay in the snapshot's state.
     */
    private volatile Set<String> reportedStatuses = Set.of();

    public JunctionRuntime(StaticConfigurationLoader staticLoader, DynamicSourceFactoryPort sources,
                           ForwarderFactoryPort forwarders, ListenPort listen, MiddlewareFactory middlewares,
                           OpenedStores stores, String serverName) {
        this.staticLoader = Objects.requireNonNull(staticLoader, "staticLoader");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.forwarders = Objects.requireNonNull(forwarders, "forwarders");
        this.listen = Objects.requireNonNull(listen, "listen");
        this.middlewares = Objects.requireNonNull(middlewares, "middlewares");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
    }

    @Override
    public int serve(StartupRequest request) {
        serving = true;
        StaticConfiguration config;
        try {
            config = staticLoader.load(request);
        } catch (RuntimeException e) {
            stopped.countDown();
            throw e;
        }
        try (OpenedTransports transports = openTransports(config)) {
            ConfigurationCompiler compiler = new ConfigurationCompiler(transports, middlewares);
            DynamicConfigurationSourcePort source = config.fileProvider().map(sources::open).orElse(null);
            try {
                String provider = source == null ? "file" : source.providerName();
                DynamicConfiguration first = source == null ? DynamicConfiguration.EMPTY : source.load();
                if (source == null) {
                    LOG.log(System.Logger.Level.WARNING, "no provider is configured: every request gets a 404");
                }
                apply(compiler, transports, config, first, provider);
                List<ListenPort.Listener> listeners = new ArrayList<>();
                for (EntryPointConfig ep : config.entryPoints().values()) {
                    listeners.add(new ListenPort.Listener(ep.name(), ep.host(), ep.port(), ep.transport(), ep.http2(),
                            new EntryPointHandler(ep.name(), new ForwardedHeaders(ep.forwardedHeaders(), serverName),
                                    routing)));
                }
                Duration acceptGrace = longest(config, EntryPointTransport::requestAcceptGraceTimeout);
                stopBound = acceptGrace.plus(longest(config, EntryPointTransport::graceTimeOut)).plus(STOP_SLACK);
                listening = listen.listen(listeners);
                LOG.log(System.Logger.Level.INFO, "Junction is listening: " + listening.ports());
                if (source != null && config.fileProvider().get().watch()) {
                    source.watch(update -> apply(compiler, transports, config, update, provider));
                }
                stopRequested.await();
                if (!acceptGrace.isZero()) {
                    LOG.log(System.Logger.Level.INFO, "stopping: still accepting requests for "
                            + TraefikDuration.format(acceptGrace) + " (requestAcceptGraceTimeout)");
                    Thread.sleep(acceptGrace.toMillis());
                }
                listening.stop();
                LOG.log(System.Logger.Level.INFO, "Junction stopped");
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (listening != null) {
                    listening.stop();
                }
                return 1;
            } finally {
                if (source != null) {
                    source.close();
                }
                stores.close();
            }
        } finally {
            stopped.countDown();
        }
    }

    /** The backend transports; a CA, certificate or key that cannot be loaded stops the start with one line. */
    private OpenedTransports openTransports(StaticConfiguration config) {
        try {
            return new OpenedTransports(forwarders, config.serversTransport());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("serversTransport: " + e.getMessage(), e);
        }
    }

    /** Asks a running {@link #serve} to stop and waits (bounded) until it has drained and closed. */
    public void stop() {
        stopRequested.countDown();
        if (!serving) {
            return;
        }
        try {
            stopped.await(stopBound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration longest(StaticConfiguration config, Function<EntryPointTransport, Duration> time) {
        return config.entryPoints().values().stream()
                .map(ep -> time.apply(ep.transport()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** The ports bound by a running {@link #serve}, by entrypoint (empty before listening). */
    public Map<String, Integer> boundPorts() {
        ListenPort.Listening l = listening;
        return l == null ? Map.of() : l.ports();
    }

    /** Each entrypoint with the middlewares its {@code http.middlewares} puts before every router's. */
    private static Map<String, List<String>> entryPointMiddlewares(StaticConfiguration config) {
        Map<String, List<String>> middlewares = new LinkedHashMap<>();
        config.entryPoints().forEach((name, ep) -> middlewares.put(name, ep.middlewares()));
        return middlewares;
    }

    private void apply(ConfigurationCompiler compiler, OpenedTransports transports, StaticConfiguration config,
                       DynamicConfiguration dynamic, String provider) {
        transports.compiling();
        stores.compiling();
        RoutingSnapshot snapshot = compiler.compile(entryPointMiddlewares(config), dynamic, provider,
                generation.incrementAndGet());
        routing.replace(snapshot);
        transports.compiled();
        stores.compiled();
        Set<String> notEnabled = new HashSet<>();
        for (ObjectStatus s : snapshot.state().objects()) {
            if (s.state() != ObjectStatus.State.ENABLED && notEnabled.add(s.toString())
                    && !reportedStatuses.contains(s.toString())) {
                LOG.log(System.Logger.Level.ERROR, s.toString());
            }
        }
        reportedStatuses = notEnabled;
        long routers = snapshot.state().objects().stream()
                .filter(o -> o.kind() == ObjectStatus.Kind.ROUTER && o.state() != ObjectStatus.State.DISABLED).count();
        LOG.log(System.Logger.Level.INFO, "configuration " + snapshot.generation() + " applied: " + routers
                + " router(s) serving");
    }

    @Override
    public List<ConfigProblem> check(StartupRequest request) {
        List<ConfigProblem> problems = new ArrayList<>();
        StaticConfiguration config = staticLoader.loadLeniently(request, problems);
        try {
            forwarders.open(config.serversTransport()).close();
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(Origin.of("static configuration"), "serversTransport", e.getMessage()));
        }
        if (config.fileProvider().isEmpty()) {
            return problems;
        }
        DynamicConfiguration dynamic;
        String provider;
        try (DynamicConfigurationSourcePort source = sources.open(config.fileProvider().get())) {
            dynamic = source.load();
            provider = source.providerName();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return problems;
        }
        problems.addAll(dynamic.problems());
        RoutingSnapshot snapshot = new ConfigurationCompiler(checkingTransports(), middlewares)
                .compile(entryPointMiddlewares(config), dynamic, provider, 0);
        for (ObjectStatus s : snapshot.state().objects()) {
            if (s.state() == ObjectStatus.State.ENABLED) {
                continue;
            }
            String name = s.name().substring(0, s.name().lastIndexOf('@'));
            Origin origin = originOf(dynamic, s.kind(), name);
            String key = "http." + s.kind().name().toLowerCase(Locale.ROOT) + "s." + name;
            for (String message : s.messages()) {
                problems.add(new ConfigProblem(origin, key, (s.state() == ObjectStatus.State.WARNING
                        ? "warning: " : "") + message));
            }
        }
        return problems;
    }

    /**
     * Transports for {@code check}: nothing is forwarded, but a TLS setting is opened once and closed, so a CA,
     * certificate or key that cannot be loaded is listed with the rest instead of surfacing only when serving.
     */
    private Transports checkingTransports() {
        return new Transports() {
            @Override
            public ForwardRequestPort standard() {
                return OFFLINE;
            }

            @Override
            public ForwardRequestPort withTls(ClientTls tls) {
                forwarders.open(tls.transport()).close();
                return OFFLINE;
            }
        };
    }

    private static Origin originOf(DynamicConfiguration dynamic, ObjectStatus.Kind kind, String name) {
        Function<String, Origin> lookup = switch (kind) {
            case ROUTER -> n -> dynamic.routers().get(n).origin();
            case MIDDLEWARE -> n -> dynamic.middlewares().get(n).origin();
            case SERVICE -> n -> dynamic.services().get(n).origin();
        };
        return lookup.apply(name);
    }

    @Override
    public List<String> explain(StartupRequest request, Query query) {
        StaticConfiguration config = staticLoader.load(request);
        if (config.fileProvider().isEmpty()) {
            return List.of("no provider is configured: no router takes any request (404)");
        }
        DynamicConfiguration dynamic;
        String provider;
        try (DynamicConfigurationSourcePort source = sources.open(config.fileProvider().get())) {
            dynamic = source.load();
            provider = source.providerName();
        }
        RoutingSnapshot snapshot = new ConfigurationCompiler(OFFLINE, middlewares)
                .compile(entryPointMiddlewares(config), dynamic, provider, 0);
        String entryPoint = query.entryPoint() != null ? query.entryPoint()
                : config.entryPoints().keySet().iterator().next();
        if (!config.entryPoints().containsKey(entryPoint)) {
            throw new ConfigurationException(new ConfigProblem(Origin.of("flag --entryPoint"), "entryPoint",
                    "entryPoint \"" + entryPoint + "\" doesn't exist"));
        }
        return new RouteExplanation(snapshot, entryPoint).explain(query);
    }
}
