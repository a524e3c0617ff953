package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rateLimit.redis} against a real redis-server started on a free loopback port (.ci/run installs it from
 * Debian's packages): two Junction instances share one limit, and a Redis that goes away turns the limited
 * requests into 500s while the log says so once.
 */
@Timeout(60)
class RedisRateLimitE2ETest {
    @TempDir
    Path dir;

    private Process redis;
    private int redisPort;
    private final List<Process> cluster = new java.util.ArrayList<>();

    private static Path redisServer() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(entry, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("redis-server is needed by this test and was not found: .ci/run installs it"
                + " (apt-get install redis-server)");
    }

    @BeforeEach
    void startRedis() throws Exception {
        startRedis(List.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts redis-server on a free port; with {@code tls} options, that port speaks TLS only. */
    private void startRedis(List<String> tls) throws Exception {
        redisPort = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(redisServer().toString(), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        if (tls.isEmpty()) {
            command.addAll(List.of("--port", Integer.toString(redisPort)));
        } else {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(redisPort)));
            command.addAll(tls);
        }
        redis = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitListening(redisPort, dir.resolve("redis.log"));
    }

    private static void awaitListening(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        for (Process node : cluster) {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String limited(String backendUrl) {
        return limited(backendUrl, "");
    }

    private String limited(String backendUrl, String redisOptions) {
        return "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"PathPrefix(`/`)\"\n"
                + "      service: backend\n"
                + "      middlewares: [shared]\n"
                + "  middlewares:\n"
                + "    shared:\n"
                + "      rateLimit:\n"
                + "        average: 1\n"
                + "        period: 1h\n"
                + "        burst: 2\n"
                + "        redis:\n"
                + "          endpoints: [\"127.0.0.1:" + redisPort + "\"]\n"
                + redisOptions
                + "  services:\n"
                + "    backend:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: \"" + backendUrl + "\"\n";
    }

    private static int status(RunningJunction junction) throws Exception {
        return RawClient.exchange(junction.port(), "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
                .status();
    }

    @Test
    void twoInstancesShareOneLimitThroughRedis() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        try (Backend backend = Backend.named("b");
             RunningJunction first = RunningJunction.start(dir.resolve("a"), limited(backend.url()));
             RunningJunction second = RunningJunction.start(dir.resolve("b"), limited(backend.url()))) {
            assertEquals(200, status(first));
            assertEquals(200, status(second));
            RawClient.Response refused = RawClient.exchange(first.port(),
                    "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
            assertEquals(429, refused.status());
            assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
            assertEquals(429, status(second));
            assertEquals(2, backend.hits());
        }
    }

    @Test
    void anUnreachableRedisFailsClosedWith500() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, limited(backend.url()))) {
            assertEquals(200, status(junction));
            redis.destroy();
            assertTrue(redis.waitFor(10, TimeUnit.SECONDS));
            RawClient.Response failed = RawClient.exchange(junction.port(),
                    "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
            assertEquals(500, failed.status());
            assertEquals("could not insert/update bucket", failed.bodyText());
            assertEquals(1, backend.hits());
        }
    }

    @Test
    void aRedisSpeakingMutualTlsIsReachedWithTheTlsBlock() throws Exception {
        stopRedis();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        TestKeys server = TestKeys.create(keys, "redis", "RSA");
        TestKeys client = TestKeys.create(keys, "junction", "EC");
        startRedis(List.of("--tls-cert-file", server.certificate().toString(), "--tls-key-file",
                server.key().toString(), "--tls-ca-cert-file", client.certificate().toString(),
                "--tls-auth-clients", "yes"));
        String tls = "          tls:\n            ca: \"" + server.certificate() + "\"\n"
                + "            cert: \"" + client.certificate() + "\"\n"
                + "            key: \"" + client.key() + "\"\n";
        try (Backend backend = Backend.named("b")) {
            try (RunningJunction junction = RunningJunction.start(dir, limited(backend.url(), tls))) {
                assertEquals(200, status(junction));
                assertEquals(200, status(junction));
                assertEquals(429, status(junction));
            }
            try (RunningJunction plain = RunningJunction.start(dir, limited(backend.url()))) {
                assertEquals(500, status(plain), "without tls the TLS port cannot be spoken to");
            }
            assertEquals(2, backend.hits());
        }
    }

    @Test
    void severalEndpointsAreACluster() throws Exception {
        List<String> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path home = Files.createDirectories(dir.resolve("node" + i));
            Path log = home.resolve("redis.log");
            cluster.add(new ProcessBuilder(redisServer().toString(), "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", home.toString(), "--cluster-enabled",
                    "yes", "--cluster-config-file", "nodes.conf")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            awaitListening(port, log);
            nodes.add("127.0.0.1:" + port);
        }
        List<String> create = new java.util.ArrayList<>(List.of(redisServer().resolveSibling("redis-cli").toString(),
                "--cluster", "create"));
        create.addAll(nodes);
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process join = new ProcessBuilder(create).redirectErrorStream(true).start();
        String joined = new String(join.getInputStream().readAllBytes());
        assertTrue(join.waitFor(30, TimeUnit.SECONDS) && join.exitValue() == 0, joined);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!clusterOk(nodes)) {
            assertTrue(System.nanoTime() < deadline, "the cluster never reported cluster_state:ok");
            Thread.sleep(100);
        }
        String endpoints = String.join("\", \"", nodes);
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, limited(backend.url()).replace(
                     "endpoints: [\"127.0.0.1:" + redisPort + "\"]", "endpoints: [\"" + endpoints + "\"]"))) {
            assertEquals(200, status(junction));
            assertEquals(200, status(junction));
            assertEquals(429, status(junction));
            assertEquals(2, backend.hits());
        }
    }

    private boolean clusterOk(List<String> nodes) throws Exception {
        for (String node : nodes) {
            Process info = new ProcessBuilder(redisServer().resolveSibling("redis-cli").toString(), "-p",
                    node.substring(node.lastIndexOf(':') + 1), "cluster", "info").redirectErrorStream(true).start();
            String out = new String(info.getInputStream().readAllBytes());
            info.waitFor(10, TimeUnit.SECONDS);
            if (!out.contains("cluster_state:ok")) {
                return false;
            }
        }
        return true;
    }
}
