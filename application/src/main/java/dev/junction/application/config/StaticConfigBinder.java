package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.statics.ClientCertificate;
import dev.junction.domain.config.statics.EntryPointConfig;
import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.config.statics.ForwardedHeadersConfig;
import dev.junction.domain.config.statics.Http2Settings;
import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.net.IpRange;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the static configuration (entrypoints, file provider, servers transport) from one merged configuration
 * tree, as Traefik's loader does: option names are case-insensitive, unknown keys are errors, and values from
 * flags and environment are converted from text. A static configuration that is wrong anywhere cannot be used,
 * so {@link #bind} reports every problem at once in one {@link ConfigurationException}.
 *
 * <p>Unlike Traefik, Junction does not invent an entrypoint on {@code :80} when none is configured: a proxy
 * silently listening on a privileged port nobody asked for is harder to diagnose than a clear error.
 */
public final class StaticConfigBinder {

    /** Top-level sections of real Traefik files that Junction loads without acting on them. */
    private static final String[] IGNORED_SECTIONS = {"log", "accessLog", "api", "ping", "global"};

    /** Top-level Traefik sections whose behaviour Junction lacks; refused rather than silently dropped. */
    private static final String[] UNSUPPORTED_SECTIONS = {"metrics", "tracing", "certificatesResolvers",
        "hostResolver", "tcpServersTransport", "spiffe", "core", "experimental", "ocsp", "entryPoint"};

    /** Entrypoint options of Traefik's that Junction does not implement yet (TLS, redirections, timeouts...). */
    private static final String[] UNSUPPORTED_ENTRYPOINT_OPTIONS = {"asDefault", "reusePort", "allowACMEByPass",
        "http3", "proxyProtocol", "udp", "observability"};

    /** Options of an entrypoint's {@code http} section that Junction does not implement yet. */
    private static final String[] UNSUPPORTED_ENTRYPOINT_HTTP_OPTIONS = {"redirections", "tls",
        "encodeQuerySemicolons", "sanitizePath", "maxHeaderBytes", "encodedCharacters"};

    private static final String[] UNSUPPORTED_TRANSPORT_OPTIONS = {"keepAliveMaxRequests", "keepAliveMaxTime"};

    private static final String[] UNSUPPORTED_FORWARDED_HEADERS_OPTIONS = {"connection", "notAppendXForwardedFor",
        "addXForwardedSchemeHeaders"};

    private static final String[] UNSUPPORTED_PROVIDERS = {"docker", "swarm", "kubernetesIngress",
        "kubernetesIngressNGINX", "kubernetesCRD", "kubernetesGateway", "knative", "consulCatalog", "nomad", "ecs",
        "consul", "etcd", "zooKeeper", "redis", "http", "rest", "plugin", "precedence"};

    /** Binds {@code root}; throws {@link ConfigurationException} listing every problem found. */
    public StaticConfiguration bind(MapNode root) {
        List<ConfigProblem> problems = new ArrayList<>();
        StaticConfiguration config = bindLeniently(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return config;
    }

    /**
     * Binds what can be bound of {@code root} and adds every problem to {@code problems} instead of throwing:
     * {@code junction check} goes on to validate the dynamic configuration when the static one is wrong
     * elsewhere, so one run lists every problem. Parts in error are left out of the result.
     */
    public StaticConfiguration bindLeniently(MapNode root, List<ConfigProblem> problems) {
        OptionReader reader = new OptionReader(root, "", problems);

        Map<String, EntryPointConfig> entryPoints = entryPoints(reader);
        Optional<FileProviderConfig> fileProvider = reader.section("providers").flatMap(this::providers);
        ServersTransportConfig serversTransport = reader.section("serversTransport")
                .map(this::serversTransport)
                .orElse(ServersTransportConfig.DEFAULTS);
        reader.ignore(IGNORED_SECTIONS);
        reader.notSupportedYet(UNSUPPORTED_SECTIONS);
        reader.finish();

        if (entryPoints.isEmpty() && problems.stream().noneMatch(p -> p.key().startsWith("entryPoints"))) {
            problems.add(new ConfigProblem(root.origin(), "entryPoints",
                    "no entrypoint is configured; Junction does not listen on :80 by default like Traefik, "
                            + "define one such as entryPoints.web.address=:8080"));
        }
        return new StaticConfiguration(entryPoints, fileProvider, serversTransport);
    }

    private Map<String, EntryPointConfig> entryPoints(OptionReader root) {
        Map<String, EntryPointConfig> entryPoints = new LinkedHashMap<>();
        root.objects("entryPoints").forEach((name, node) -> {
            String key = root.key("entryPoints") + "." + name;
            OptionReader.section(node, key, root.problems())
                    .flatMap(reader -> entryPoint(name, reader))
                    .ifPresent(entryPoint -> entryPoints.put(name, entryPoint));
        });
        return entryPoints;
    }

    private Optional<EntryPointConfig> entryPoint(String name, OptionReader reader) {
        int before = reader.problems().size();
        Optional<ListenAddress> address = Optional.empty();
        Optional<ConfigNode> addressNode = reader.node("address");
        if (addressNode.isEmpty()) {
            reader.problem(reader.origin(), reader.key("address"), "an entrypoint needs an address such as \":8080\"");
        } else {
            address = reader.string("address").flatMap(text -> ListenAddress.parse(text, addressNode.get().origin(),
                    reader.key("address"), reader.problems()));
        }
        ForwardedHeadersConfig forwardedHeaders = reader.section("forwardedHeaders")
                .map(this::forwardedHeaders)
                .orElse(ForwardedHeadersConfig.NONE_TRUSTED);
        EntryPointTransport transport = reader.section("transport")
                .map(this::transport)
                .orElse(EntryPointTransport.DEFAULTS);
        List<String> middlewares = reader.section("http").map(this::entryPointMiddlewares).orElse(List.of());
        Http2Settings http2 = reader.section("http2").map(this::http2).orElse(Http2Settings.DEFAULTS);
        reader.notSupportedYet(UNSUPPORTED_ENTRYPOINT_OPTIONS);
        reader.finish();
        if (address.isEmpty() || reader.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new EntryPointConfig(name, address.get().host(), address.get().port(), forwardedHeaders,
                transport, middlewares, http2));
    }

    /** {@code http2}: stream and header-table bounds for the clients that speak HTTP/2 to this entrypoint. */
    private Http2Settings http2(OptionReader reader) {
        Http2Settings d = Http2Settings.DEFAULTS;
        int streams = reader.smallInteger("maxConcurrentStreams").orElse(d.maxConcurrentStreams());
        int decoder = reader.smallInteger("maxDecoderHeaderTableSize").orElse(d.maxDecoderHeaderTableSize());
        int encoder = reader.smallInteger("maxEncoderHeaderTableSize").orElse(d.maxEncoderHeaderTableSize());
        if (streams < 1) {
            reader.problem(reader.node("maxConcurrentStreams").get().origin(), reader.key("maxConcurrentStreams"),
                    "must be positive, got " + streams);
            streams = d.maxConcurrentStreams();
        }
        for (String option : List.of("maxDecoderHeaderTableSize", "maxEncoderHeaderTableSize")) {
            int value = option.startsWith("maxDecoder") ? decoder : encoder;
            if (value < 0) {
                reader.problem(reader.node(option).get().origin(), reader.key(option), "cannot be negative, got " + value);
            }
        }
        reader.finish();
        return new Http2Settings(streams, Math.max(0, decoder), Math.max(0, encoder));
    }

    /** {@code http.middlewares}: references such as {@code auth@file}, applied before every router's own. */
    private List<String> entryPointMiddlewares(OptionReader http) {
        List<String> middlewares = http.strings("middlewares").map(OptionReader::values).orElse(List.of());
        http.notSupportedYet(UNSUPPORTED_ENTRYPOINT_HTTP_OPTIONS);
        http.finish();
        return middlewares;
    }

    /**
     * {@code transport.respondingTimeouts} and {@code transport.lifeCycle}. A {@code readTimeout} that is set bounds
     * both the wait for the request head and each wait for body bytes; left unset, the head gets Junction's 10 s and
     * a stalled body Traefik's 60 s.
     */
    private EntryPointTransport transport(OptionReader reader) {
        EntryPointTransport d = EntryPointTransport.DEFAULTS;
        Duration header = d.headerReadTimeout();
        Duration body = d.bodyReadTimeout();
        Duration write = d.writeTimeout();
        Duration idle = d.idleTimeout();
        Duration acceptGrace = d.requestAcceptGraceTimeout();
        Duration grace = d.graceTimeOut();
        Optional<OptionReader> responding = reader.section("respondingTimeouts");
        if (responding.isPresent()) {
            OptionReader r = responding.get();
            Optional<Duration> read = r.duration("readTimeout");
            if (read.isPresent()) {
                header = read.get();
                body = read.get();
            }
            write = r.duration("writeTimeout").orElse(write);
            idle = r.duration("idleTimeout").orElse(idle);
            r.finish();
        }
        Optional<OptionReader> lifeCycle = reader.section("lifeCycle");
        if (lifeCycle.isPresent()) {
            OptionReader l = lifeCycle.get();
            acceptGrace = l.duration("requestAcceptGraceTimeout").orElse(acceptGrace);
            grace = l.duration("graceTimeOut").orElse(grace);
            l.finish();
        }
        reader.notSupportedYet(UNSUPPORTED_TRANSPORT_OPTIONS);
        reader.finish();
        return new EntryPointTransport(header, body, write, idle, acceptGrace, grace);
    }

    private ForwardedHeadersConfig forwardedHeaders(OptionReader reader) {
        boolean insecure = reader.bool("insecure").orElse(false);
        List<IpRange> trusted = new ArrayList<>();
        reader.strings("trustedIPs").orElse(List.of()).forEach(item -> {
            try {
                trusted.add(IpRange.parse(item.value()));
            } catch (IllegalArgumentException e) {
                reader.problem(item.origin(), item.key(), e.getMessage());
            }
        });
        reader.notSupportedYet(UNSUPPORTED_FORWARDED_HEADERS_OPTIONS);
        reader.finish();
        return new ForwardedHeadersConfig(insecure, trusted);
    }

    private Optional<FileProviderConfig> providers(OptionReader reader) {
        reader.duration("providersThrottleDuration");
        Optional<FileProviderConfig> file = reader.section("file").flatMap(this::fileProvider);
        for (String provider : UNSUPPORTED_PROVIDERS) {
            reader.node(provider).ifPresent(node -> reader.problem(node.origin(), reader.key(provider),
                    "the " + provider + " provider is not supported yet by Junction"));
        }
        reader.finish();
        return file;
    }

    private Optional<FileProviderConfig> fileProvider(OptionReader reader) {
        int before = reader.problems().size();
        Optional<Path> filename = reader.string("filename").flatMap(text -> path(reader, "filename", text));
        Optional<Path> directory = reader.string("directory").flatMap(text -> path(reader, "directory", text));
        boolean watch = reader.bool("watch").orElse(true);
        reader.ignore("debugLogGeneratedTemplate");
        reader.finish();
        if (filename.isPresent() && directory.isPresent()) {
            reader.problem(reader.origin(), reader.path(),
                    "the file provider takes either filename or directory, not both");
        } else if (filename.isEmpty() && directory.isEmpty() && reader.problems().size() == before) {
            reader.problem(reader.origin(), reader.path(),
                    "the file provider needs a filename or a directory");
        }
        return reader.problems().size() > before
                ? Optional.empty()
                : Optional.of(new FileProviderConfig(filename, directory, watch));
    }

    private static Optional<Path> path(OptionReader reader, String option, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text.trim()));
        } catch (InvalidPathException e) {
            reader.problem(reader.node(option).get().origin(), reader.key(option),
                    "invalid path \"" + text + "\": " + e.getReason());
            return Optional.empty();
        }
    }

    private ServersTransportConfig serversTransport(OptionReader reader) {
        ServersTransportConfig d = ServersTransportConfig.DEFAULTS;
        boolean insecureSkipVerify = reader.bool("insecureSkipVerify").orElse(d.insecureSkipVerify());
        List<String> rootCAs = reader.strings("rootCAs").map(OptionReader::values).orElse(d.rootCAs());
        List<ClientCertificate> certificates = certificates(reader);
        int maxIdle = reader.smallInteger("maxIdleConnsPerHost").orElse(d.maxIdleConnsPerHost());
        if (maxIdle < -1) {
            reader.problem(reader.node("maxIdleConnsPerHost").get().origin(), reader.key("maxIdleConnsPerHost"),
                    "must be -1 (no connection reuse), 0 (the default, " + ServersTransportConfig.DEFAULT_MAX_IDLE_CONNS_PER_HOST
                            + ") or positive, got " + maxIdle);
        }
        Duration dial = d.dialTimeout();
        Duration responseHeader = d.responseHeaderTimeout();
        Duration idle = d.idleConnTimeout();
        Optional<OptionReader> timeouts = reader.section("forwardingTimeouts");
        if (timeouts.isPresent()) {
            OptionReader t = timeouts.get();
            dial = t.duration("dialTimeout").orElse(dial);
            responseHeader = t.duration("responseHeaderTimeout").orElse(responseHeader);
            idle = t.duration("idleConnTimeout").orElse(idle);
            t.finish();
        }
        List<String> spiffeIds = d.spiffeIds();
        String trustDomain = d.spiffeTrustDomain();
        Optional<OptionReader> spiffe = reader.section("spiffe");
        if (spiffe.isPresent()) {
            OptionReader s = spiffe.get();
            List<OptionReader.Item> ids = s.strings("ids").orElse(List.of());
            ids.stream().filter(id -> !id.value().startsWith("spiffe://")).forEach(id -> s.problem(id.origin(),
                    id.key(), "a SPIFFE ID must start with \"spiffe://\", got \"" + id.value() + "\""));
            if (!ids.isEmpty()) {
                spiffeIds = OptionReader.values(ids);
            }
            trustDomain = s.string("trustDomain").map(String::trim).orElse(trustDomain);
            if (!trustDomain.isEmpty() && !trustDomain.startsWith("spiffe://")) {
                s.problem(s.node("trustDomain").get().origin(), s.key("trustDomain"),
                        "a SPIFFE trust domain must start with \"spiffe://\", got \"" + trustDomain + "\"");
            }
            s.finish();
        }
        reader.finish();
        return new ServersTransportConfig(insecureSkipVerify, rootCAs, maxIdle, dial, responseHeader, idle,
                spiffeIds, trustDomain, certificates);
    }

    /** {@code certificates}: the pairs of {@code certFile} and {@code keyFile} Junction presents to backends. */
    private static List<ClientCertificate> certificates(OptionReader reader) {
        List<ClientCertificate> certificates = new ArrayList<>();
        Optional<ConfigNode> node = reader.node("certificates");
        if (node.isEmpty()) {
            return certificates;
        }
        if (!(node.get() instanceof ConfigNode.ListNode list)) {
            reader.problem(node.get().origin(), reader.key("certificates"),
                    OptionReader.expected("a list of certFile and keyFile pairs", node.get()));
            return certificates;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String key = reader.key("certificates") + "[" + i + "]";
            ConfigNode item = list.items().get(i);
            if (!(item instanceof MapNode map)) {
                reader.problem(item.origin(), key, OptionReader.expected("a map with certFile and keyFile", item));
                continue;
            }
            OptionReader pair = new OptionReader(map, key, reader.problems());
            String cert = pair.string("certFile").orElse("").trim();
            String keyFile = pair.string("keyFile").orElse("").trim();
            if (cert.isEmpty() || keyFile.isEmpty()) {
                pair.problem(item.origin(), key, "a certificate needs both certFile and keyFile");
            } else {
                certificates.add(new ClientCertificate(cert, keyFile));
            }
            pair.finish();
        }
        return certificates;
    }

    /** A parsed {@code [host]:port[/tcp]}; host without brackets, empty for every interface. */
    private record ListenAddress(String host, int port) {

        static Optional<ListenAddress> parse(String raw, Origin origin, String key,
                                             List<ConfigProblem> problems) {
            String text = raw.trim();
            String prefix = "invalid address \"" + raw + "\": ";
            int slash = text.indexOf('/');
            String hostPort = slash < 0 ? text : text.substring(0, slash);
            if (slash >= 0) {
                String protocol = text.substring(slash + 1);
                if (protocol.equals("udp")) {
                    problems.add(new ConfigProblem(origin, key, "udp entrypoints are not supported yet by Junction"));
                    return Optional.empty();
                }
                if (!protocol.equals("tcp")) {
                    problems.add(new ConfigProblem(origin, key, prefix + "unknown protocol \"" + protocol
                            + "\", expected tcp"));
                    return Optional.empty();
                }
            }
            String host;
            String port;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                    problems.add(new ConfigProblem(origin, key, prefix + "expected [ipv6]:port, such as \"[::1]:8080\""));
                    return Optional.empty();
                }
                host = hostPort.substring(1, close);
                port = hostPort.substring(close + 2);
                if (host.indexOf(':') < 0 || IpRange.literal(host) == null) {
                    problems.add(new ConfigProblem(origin, key, prefix + "\"" + host + "\" is not an IPv6 address"));
                    return Optional.empty();
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon < 0) {
                    problems.add(new ConfigProblem(origin, key, prefix + "expected [host]:port, such as \":8080\""));
                    return Optional.empty();
                }
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
                if (host.indexOf(':') >= 0) {
                    problems.add(new ConfigProblem(origin, key,
                            prefix + "an IPv6 address must be in brackets, such as \"[::1]:8080\""));
                    return Optional.empty();
                }
            }
            if (port.isEmpty()) {
                problems.add(new ConfigProblem(origin, key, prefix + "missing port"));
                return Optional.empty();
            }
            if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                problems.add(new ConfigProblem(origin, key, prefix + "port \"" + port + "\" is not a number"));
                return Optional.empty();
            }
            if (port.length() > 5 || Integer.parseInt(port) > 65535) {
                problems.add(new ConfigProblem(origin, key, prefix + "port " + port + " is out of range (0-65535)"));
                return Optional.empty();
            }
            return Optional.of(new ListenAddress(host, Integer.parseInt(port)));
        }
    }
}
