package dev.junction.application.config;

import static dev.junction.application.config.ConfigFixtures.env;
import static dev.junction.application.config.ConfigFixtures.flags;
import static dev.junction.application.config.ConfigFixtures.yaml;
import static dev.junction.application.config.ConfigFixtures.yamlText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.statics.EntryPointConfig;
import dev.junction.domain.config.statics.ClientCertificate;
import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.config.statics.Http2Settings;
import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.config.statics.ForwardedHeadersConfig;
import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.net.IpRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaticConfigBinderTest {

    private final StaticConfigBinder binder = new StaticConfigBinder();

    private List<ConfigProblem> problems(MapNode root) {
        return assertThrows(ConfigurationException.class, () -> binder.bind(root)).problems();
    }

    private static ConfigProblem only(List<ConfigProblem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    private static ConfigProblem problemAt(List<ConfigProblem> problems, String key) {
        return problems.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + key + " in " + problems));
    }

    @Test
    void bindsTheRoutingOverviewExample() {
        StaticConfiguration config = binder.bind(yaml("static/seed-example.yml"));

        assertEquals(new EntryPointConfig("web", "", 8081,
                ForwardedHeadersConfig.NONE_TRUSTED, EntryPointTransport.DEFAULTS, List.of(), Http2Settings.DEFAULTS),
                config.entryPoints().get("web"));
        assertEquals(Optional.of(new FileProviderConfig(Optional.empty(), Optional.of(Path.of("/path/to/dynamic/conf")),
                true)), config.fileProvider());
        assertEquals(ServersTransportConfig.DEFAULTS, config.serversTransport());
    }

    @Test
    void bindsEveryOptionOfAFullFile() {
        StaticConfiguration config = binder.bind(yaml("static/full.yml"));

        assertEquals(List.of("web", "local", "v6"), List.copyOf(config.entryPoints().keySet()));
        EntryPointConfig web = config.entryPoints().get("web");
        assertEquals(8081, web.port());
        assertEquals(List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1")), web.forwardedHeaders().trustedIPs());
        assertEquals("127.0.0.1", config.entryPoints().get("local").host());
        assertEquals("::1", config.entryPoints().get("v6").host());
        assertEquals(Optional.of(new FileProviderConfig(Optional.of(Path.of("/etc/junction/dynamic.yml")),
                Optional.empty(), false)), config.fileProvider());
        assertEquals(new ServersTransportConfig(true, List.of("foo.crt", "bar.crt"), 7, Duration.ofSeconds(1),
                Duration.ofSeconds(90), Duration.ofSeconds(10),
                List.of("spiffe://trust-domain/id1", "spiffe://trust-domain/id2"), "spiffe://trust-domain", List.of()),
                config.serversTransport());
    }

    @Test
    void optionNamesMatchIgnoringCaseWhileEntrypointNamesKeepTheirCase() {
        StaticConfiguration config = binder.bind(yaml("static/mixed-case.yml"));

        EntryPointConfig web = config.entryPoints().get("Web");
        assertEquals(8081, web.port());
        assertEquals(List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.0.0/16")),
                web.forwardedHeaders().trustedIPs());
        assertEquals(Optional.of(Path.of("dynamic.yml")), config.fileProvider().get().filename());
        assertEquals(Duration.ofSeconds(5), config.serversTransport().dialTimeout());
    }

    @Test
    void bindsLowerCasedEnvironmentVariables() {
        StaticConfiguration config = binder.bind(env("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80",
                "TRAEFIK_PROVIDERS_FILE_DIRECTORY=/etc/junction", "TRAEFIK_SERVERSTRANSPORT_MAXIDLECONNSPERHOST=7"));

        assertEquals(80, config.entryPoints().get("web").port());
        assertEquals(Optional.of(Path.of("/etc/junction")), config.fileProvider().get().directory());
        assertEquals(7, config.serversTransport().maxIdleConnsPerHost());
    }

    @Test
    void convertsTheTextOfFlags() {
        StaticConfiguration config = binder.bind(flags("--entryPoints.web.address=:8081",
                "--entryPoints.web.forwardedHeaders.insecure", "--providers.file.filename=dynamic.yml",
                "--providers.file.watch=false", "--serversTransport.insecureSkipVerify=true",
                "--serversTransport.maxIdleConnsPerHost=7", "--serversTransport.forwardingTimeouts.dialTimeout=1s",
                "--serversTransport.rootCAs=foo.crt,bar.crt",
                "--serversTransport.spiffe.ids=spiffe://trust-domain/id1,spiffe://trust-domain/id2"));

        assertTrue(config.entryPoints().get("web").forwardedHeaders().insecure());
        assertFalse(config.fileProvider().get().watch());
        ServersTransportConfig transport = config.serversTransport();
        assertTrue(transport.insecureSkipVerify());
        assertEquals(7, transport.maxIdleConnsPerHost());
        assertEquals(Duration.ofSeconds(1), transport.dialTimeout());
        assertEquals(List.of("foo.crt", "bar.crt"), transport.rootCAs());
        assertEquals(List.of("spiffe://trust-domain/id1", "spiffe://trust-domain/id2"), transport.spiffeIds());
    }

    @Test
    void theFileProviderWatchesByDefault() {
        StaticConfiguration config = binder.bind(flags("--entryPoints.web.address=:8081",
                "--providers.file.directory=conf"));

        assertTrue(config.fileProvider().get().watch());
    }

    @Test
    void withoutProvidersThereIsNoFileProvider() {
        assertEquals(Optional.empty(), binder.bind(flags("--entryPoints.web.address=:8081")).fileProvider());
    }

    @Test
    void noEntrypointIsAnErrorBecauseJunctionDoesNotDefaultToPort80() {
        ConfigProblem problem = only(problems(yamlText("traefik.yml", "providers:\n  file:\n    filename: d.yml\n")));

        assertEquals("entryPoints", problem.key());
        assertEquals("traefik.yml", problem.origin().toString());
        assertTrue(problem.message().startsWith("no entrypoint is configured; Junction does not listen on :80"),
                problem.message());
    }

    @Test
    void anUnknownKeyIsReportedWithItsOriginAndDottedKey() {
        ConfigProblem problem = only(problems(yamlText("traefik.yml",
                "entryPoints:\n  web:\n    address: :8081\n    adress: :8082\n")));

        assertEquals("traefik.yml:4: entryPoints.web.adress: unknown key", problem.toString());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> problems = problems(yaml("static/many-problems.yml")).stream().map(ConfigProblem::toString)
                .collect(Collectors.toList());

        assertEquals(List.of(
                "static/many-problems.yml:4: entryPoints.web.adress: unknown key",
                "static/many-problems.yml:6: entryPoints.dns.address: udp entrypoints are not supported yet by Junction",
                "static/many-problems.yml:8: entryPoints.huge.address: invalid address \":70000\": "
                        + "port 70000 is out of range (0-65535)",
                "static/many-problems.yml:14: entryPoints.spoofable.forwardedHeaders.trustedIPs[1]: "
                        + "invalid IP address or CIDR: \"not-an-ip\"",
                "static/many-problems.yml:16: providers.file: "
                        + "the file provider takes either filename or directory, not both",
                "static/many-problems.yml:20: serversTransport.insecureSkipVerify: "
                        + "expected a boolean (true or false), got \"yes\"",
                "static/many-problems.yml:21: serversTransport.maxIdleConnsPerHost: "
                        + "must be -1 (no connection reuse), 0 (the default, 2) or positive, got -2",
                "static/many-problems.yml:23: serversTransport.forwardingTimeouts.dialTimeout: expected a duration "
                        + "such as \"30s\", \"1m30s\", \"500ms\" or a number of seconds, got \"soon\"",
                "static/many-problems.yml:26: serversTransport.spiffe.ids[0]: "
                        + "a SPIFFE ID must start with \"spiffe://\", got \"trust-domain/id1\"",
                "static/many-problems.yml:27: serversTransport.spiffe.trustDomain: "
                        + "a SPIFFE trust domain must start with \"spiffe://\", got \"trust-domain\"",
                "static/many-problems.yml:28: metrics: not supported yet by Junction",
                "static/many-problems.yml:30: pilot: unknown key"), problems);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":8081        |           | 8081",
        "127.0.0.1:8081 | 127.0.0.1 | 8081",
        "[::1]:8081   | ::1       | 8081",
        ":8081/tcp    |           | 8081",
        "localhost:80 | localhost | 80",
        ":0           |           | 0",
        ":65535       |           | 65535"})
    void acceptsTheAddressForms(String address, String host, int port) {
        EntryPointConfig entryPoint = binder.bind(flags("--entryPoints.web.address=" + address))
                .entryPoints().get("web");

        assertEquals(host == null ? "" : host, entryPoint.host());
        assertEquals(port, entryPoint.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":53/udp      | udp entrypoints are not supported yet by Junction",
        ":80/sctp     | invalid address \":80/sctp\": unknown protocol \"sctp\", expected tcp",
        ":65536       | invalid address \":65536\": port 65536 is out of range (0-65535)",
        ":9999999999  | invalid address \":9999999999\": port 9999999999 is out of range (0-65535)",
        "8080         | invalid address \"8080\": expected [host]:port, such as \":8080\"",
        "localhost:   | invalid address \"localhost:\": missing port",
        ":http        | invalid address \":http\": port \"http\" is not a number",
        "::1:8080     | invalid address \"::1:8080\": an IPv6 address must be in brackets, such as \"[::1]:8080\"",
        "[::1]8080    | invalid address \"[::1]8080\": expected [ipv6]:port, such as \"[::1]:8080\""})
    void rejectsBadAddresses(String address, String message) {
        ConfigProblem problem = only(problems(flags("--entryPoints.web.address=" + address)));

        assertEquals("entryPoints.web.address", problem.key());
        assertEquals("flag --entryPoints.web.address", problem.origin().toString());
        assertEquals(message, problem.message());
    }

    @Test
    void anEntrypointNeedsAnAddress() {
        ConfigProblem problem = only(problems(flags("--entryPoints.web.forwardedHeaders.insecure=true")));

        assertEquals("entryPoints.web.address", problem.key());
        assertEquals("an entrypoint needs an address such as \":8080\"", problem.message());
    }

    @Test
    void aBareFileProviderFlagWithoutFilenameOrDirectoryIsAProblem() {
        ConfigProblem problem = only(problems(flags("--entryPoints.web.address=:8081", "--providers.file")));

        assertEquals("providers.file", problem.key());
        assertEquals("the file provider needs a filename or a directory", problem.message());
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheExpectedType() {
        ConfigProblem problem = only(problems(yamlText("traefik.yml",
                "entryPoints:\n  web:\n    address:\n      - :8081\n")));

        assertEquals("traefik.yml:3: entryPoints.web.address: expected a string, got a list", problem.toString());
    }

    @Test
    void theSameOptionInTwoSpellingsIsAProblem() {
        ConfigProblem problem = only(problems(yamlText("traefik.yml",
                "entryPoints:\n  web:\n    address: :8081\n    Address: :8082\n")));

        assertEquals("traefik.yml:4: entryPoints.web.address: given more than once (as \"address\" and \"Address\")",
                problem.toString());
    }

    @Test
    void acceptsTheProvidersThrottleDuration() {
        binder.bind(flags("--entryPoints.web.address=:8081", "--providers.providersThrottleDuration=2s"));

        ConfigProblem problem = only(problems(flags("--entryPoints.web.address=:8081",
                "--providers.providersThrottleDuration=-2s")));
        assertEquals("providers.providersThrottleDuration", problem.key());
        assertEquals("a duration must not be negative, got \"-2s\"", problem.message());
    }

    @Test
    void otherProvidersAreNotSupportedYet() {
        ConfigProblem problem = only(problems(flags("--entryPoints.web.address=:8081", "--providers.docker")));

        assertEquals("providers.docker", problem.key());
        assertEquals("the docker provider is not supported yet by Junction", problem.message());
    }

    @Test
    void entrypointOptionsJunctionLacksAreRefusedRatherThanIgnored() {
        ConfigProblem problem = only(problems(flags("--entryPoints.websecure.address=:443",
                "--entryPoints.websecure.http.tls=true")));

        assertEquals("entryPoints.websecure.http.tls", problem.key());
        assertEquals("not supported yet by Junction", problem.message());
    }

    @Test
    void entrypointMiddlewaresAreBound() {
        StaticConfiguration config = binder.bind(flags("--entryPoints.web.address=:80",
                "--entryPoints.web.http.middlewares=auth@file,strip@file"));

        assertEquals(List.of("auth@file", "strip@file"), config.entryPoints().get("web").middlewares());
    }

    @Test
    void entrypointTransportTimeoutsAndLifeCycleAreBound() {
        EntryPointTransport transport = binder.bind(yamlText("traefik.yml", """
                entryPoints:
                  web:
                    address: ":8081"
                    transport:
                      respondingTimeouts:
                        readTimeout: 42s
                        writeTimeout: 5m
                        idleTimeout: 7s
                      lifeCycle:
                        requestAcceptGraceTimeout: 2s
                        graceTimeOut: 30
                """)).entryPoints().get("web").transport();

        assertEquals(new EntryPointTransport(Duration.ofSeconds(42), Duration.ofSeconds(42), Duration.ofMinutes(5),
                Duration.ofSeconds(7), Duration.ofSeconds(2), Duration.ofSeconds(30)), transport);
    }

    @Test
    void serversTransportCertificatesArePairsOfFilesAndAHalfPairIsNamed() {
        assertEquals(List.of(new ClientCertificate("c.pem", "k.pem")), binder.bind(yamlText("traefik.yml", """
                entryPoints:
                  web:
                    address: ":8081"
                serversTransport:
                  certificates:
                    - certFile: c.pem
                      keyFile: k.pem
                """)).serversTransport().certificates());
        List<ConfigProblem> problems = problems(yamlText("traefik.yml", """
                entryPoints:
                  web:
                    address: ":8081"
                serversTransport:
                  certificates:
                    - certFile: c.pem
                """));
        assertEquals(List.of("traefik.yml:6: serversTransport.certificates[0]: a certificate needs both certFile and "
                + "keyFile"), problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void http2SettingsAreBoundWithTraefiksDefaultsAndBadOnesNamed() {
        assertEquals(new Http2Settings(100, 8192, 4096), binder.bind(flags("--entryPoints.web.address=:8081",
                "--entryPoints.web.http2.maxConcurrentStreams=100",
                "--entryPoints.web.http2.maxDecoderHeaderTableSize=8192")).entryPoints().get("web").http2());
        List<ConfigProblem> problems = problems(flags("--entryPoints.web.address=:8081",
                "--entryPoints.web.http2.maxConcurrentStreams=0"));
        assertEquals(List.of("entryPoints.web.http2.maxConcurrentStreams"),
                problems.stream().map(ConfigProblem::key).toList());
    }

    @Test
    void withoutReadTimeoutTheHeadGetsTenSecondsAndAStalledBodySixty() {
        EntryPointTransport transport = binder.bind(flags("--entryPoints.web.address=:8081",
                "--entryPoints.web.transport.respondingTimeouts.idleTimeout=1m")).entryPoints().get("web").transport();

        assertEquals(Duration.ofSeconds(10), transport.headerReadTimeout());
        assertEquals(Duration.ofSeconds(60), transport.bodyReadTimeout());
        assertEquals(Duration.ZERO, transport.writeTimeout());
        assertEquals(Duration.ofMinutes(1), transport.idleTimeout());
        assertEquals(Duration.ofSeconds(10), transport.graceTimeOut());
    }

    @Test
    void unknownTransportKeysAndBadDurationsAreProblemsNamingTheKey() {
        List<ConfigProblem> problems = problems(flags("--entryPoints.web.address=:8081",
                "--entryPoints.web.transport.respondingTimeouts.readTimout=5s",
                "--entryPoints.web.transport.lifeCycle.graceTimeOut=soon",
                "--entryPoints.web.transport.keepAliveMaxRequests=10"));

        assertEquals(java.util.Set.of("entryPoints.web.transport.respondingTimeouts.readTimout",
                        "entryPoints.web.transport.lifeCycle.graceTimeOut",
                        "entryPoints.web.transport.keepAliveMaxRequests"),
                java.util.Set.copyOf(problems.stream().map(ConfigProblem::key).toList()));
        assertEquals(3, problems.size(), problems::toString);
    }

    @ParameterizedTest
    @CsvSource({"1m30s, 90000", "500ms, 500", "10, 10000", "1.5, 1500", "0, 0"})
    void durationsTakeGoFormsAndBareSeconds(String text, long millis) {
        ServersTransportConfig transport = binder.bind(flags("--entryPoints.web.address=:8081",
                "--serversTransport.forwardingTimeouts.idleConnTimeout=" + text)).serversTransport();

        assertEquals(Duration.ofMillis(millis), transport.idleConnTimeout());
    }

    @Test
    void numericYamlDurationsAreSeconds() {
        ServersTransportConfig transport = binder.bind(yamlText("traefik.yml", "entryPoints:\n  web:\n"
                + "    address: :80\nserversTransport:\n  forwardingTimeouts:\n    dialTimeout: 3\n")).serversTransport();

        assertEquals(Duration.ofSeconds(3), transport.dialTimeout());
    }

    @Test
    void theServersTransportDefaultsApplyToUnsetOptions() {
        ServersTransportConfig transport = binder.bind(flags("--entryPoints.web.address=:8081",
                "--serversTransport.forwardingTimeouts.responseHeaderTimeout=5s")).serversTransport();

        assertEquals(Duration.ofSeconds(30), transport.dialTimeout());
        assertEquals(Duration.ofSeconds(5), transport.responseHeaderTimeout());
        assertEquals(Duration.ofSeconds(90), transport.idleConnTimeout());
        assertEquals(ServersTransportConfig.DEFAULT_MAX_IDLE_CONNS_PER_HOST, transport.effectiveMaxIdleConnsPerHost());
    }

    @Test
    void maxIdleConnsPerHostZeroMeansTheDefaultAndMinusOneDisablesReuse() {
        ServersTransportConfig zero = binder.bind(flags("--entryPoints.web.address=:8081",
                "--serversTransport.maxIdleConnsPerHost=0")).serversTransport();
        ServersTransportConfig minusOne = binder.bind(flags("--entryPoints.web.address=:8081",
                "--serversTransport.maxIdleConnsPerHost=-1")).serversTransport();

        assertEquals(2, zero.effectiveMaxIdleConnsPerHost());
        assertEquals(0, minusOne.effectiveMaxIdleConnsPerHost());
    }

    @Test
    void maxIdleConnsPerHostMustBeAnInteger() {
        ConfigProblem problem = only(problems(flags("--entryPoints.web.address=:8081",
                "--serversTransport.maxIdleConnsPerHost=many")));

        assertEquals("expected an integer, got \"many\"", problem.message());
    }

    @Test
    void commonTraefikSectionsLoadWithoutEffect() {
        StaticConfiguration config = binder.bind(yamlText("traefik.yml", "log:\n  level: DEBUG\naccessLog: {}\n"
                + "api:\n  insecure: true\nping: {}\nglobal:\n  checkNewVersion: false\n"
                + "entryPoints:\n  web:\n    address: :80\n"));

        assertEquals(List.of("web"), List.copyOf(config.entryPoints().keySet()));
    }
}
