package dev.junction.bootstrap.e2e.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.sun.net.httpserver.HttpServer;
import dev.junction.application.runtime.JunctionRuntime;
import dev.junction.bootstrap.Main;
import dev.junction.cli.JunctionCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * What the configuration end-to-end tests share: real backends, Junction started in-process exactly as the jar
 * starts it (the production Guice modules and the command line), an HTTP client that can set {@code Host}, the
 * seed example's files, bounded polling, and captures of the log and of the console.
 */
final class E2e {
    static {
        // java.net.http refuses to set Host unless told otherwise; read once, when the client classes load.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    /** How fast a reload must be visible (issue 5: "serves within a second"). */
    static final Duration RELOAD_DEADLINE = Duration.ofSeconds(1);
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String SEED_USERS = "test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/";
    /** {@code user2:secret2} as {@code {SHA}}, for the "a user changed" reload. */
    static final String SHA_USER2_SECRET2 = "user2:{SHA}" + Base64.getEncoder().encodeToString(sha1("secret2"));

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private E2e() {
    }

    // ------------------------------------------------------------------ backends

    /** A whoami-style backend on 127.0.0.1: answers 200 with its name and the request line it saw. */
    static final class Backend implements AutoCloseable {
        static {
            // The JDK's HttpServer writes headers and body in two packets; without TCP_NODELAY every answer waits
            // ~40 ms for a delayed ACK and the client loops would run only a handful of requests per reload.
            // Read once, when the first HttpServer of the JVM is created.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }

        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(8);
        final String name;
        final AtomicInteger requests = new AtomicInteger();

        Backend(String name) {
            this.name = name;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                byte[] body = ("Hostname: " + name + "\nGET " + exchange.getRequestURI() + "\nHost: "
                        + exchange.getRequestHeaders().getFirst("Host") + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(executor);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** The url to put in a service's servers list. */
        String url() {
            return "http://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ Junction in-process

    /** Junction serving on a thread of this JVM, built from the given modules and run through its command line. */
    static final class RunningJunction implements AutoCloseable {
        final Injector injector;
        final JunctionRuntime runtime;
        private final Thread thread;
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private volatile Integer exitStatus;

        private RunningJunction(List<Module> modules, List<String> args, Map<String, String> environment) {
            injector = Guice.createInjector(modules);
            runtime = injector.getInstance(JunctionRuntime.class);
            JunctionCli cli = injector.getInstance(JunctionCli.class);
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            thread = new Thread(() -> exitStatus = cli.run(args.toArray(String[]::new), environment, o, e),
                    "junction-under-test");
            thread.setDaemon(true);
        }

        /** Starts the production modules with {@code args} and {@code environment}; waits until it listens. */
        static RunningJunction start(List<String> args, Map<String, String> environment) {
            return start(Main.modules(), args, environment);
        }

        static RunningJunction start(List<Module> modules, List<String> args, Map<String, String> environment) {
            RunningJunction junction = new RunningJunction(modules, args, environment);
            junction.thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (junction.runtime.boundPorts().isEmpty()) {
                if (!junction.thread.isAlive()) {
                    fail("Junction exited with status " + junction.exitStatus + " before listening: " + junction.err);
                }
                if (System.nanoTime() > deadline) {
                    junction.close();
                    fail("Junction did not listen within 15 s: " + junction.err);
                }
                sleep(Duration.ofMillis(20));
            }
            return junction;
        }

        /** The port bound for the (only or first) entrypoint. */
        int port() {
            return runtime.boundPorts().values().iterator().next();
        }

        String err() {
            return err.toString();
        }

        @Override
        public void close() {
            runtime.stop();
            try {
                thread.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertTrue(!thread.isAlive(), "Junction did not stop within 20 s");
        }
    }

    /** The outcome of one command line run through {@link Main#run} with the console captured. */
    record CliResult(int status, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code junction args...} exactly as the jar's main does (production modules, {@link Main#run}), with
     * System.out and System.err captured. Bounded: a command that is still running after 20 s (say, a serve that
     * should have failed) is stopped and reported as a failure.
     */
    static synchronized CliResult main(String... args) {
        Injector injector = Guice.createInjector(Main.modules());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int[] status = {Integer.MIN_VALUE};
        Throwable[] thrown = {null};
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            Thread t = new Thread(() -> {
                try {
                    status[0] = Main.run(injector, args);
                } catch (Throwable x) {
                    thrown[0] = x;
                }
            }, "junction-cli-under-test");
            t.setDaemon(true);
            t.start();
            t.join(Duration.ofSeconds(20).toMillis());
            if (t.isAlive()) {
                injector.getInstance(JunctionRuntime.class).stop();
                t.join(Duration.ofSeconds(20).toMillis());
                fail("`junction " + String.join(" ", args) + "` was still running after 20 s; output: " + out + err);
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(x);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        if (thrown[0] != null) {
            throw new AssertionError("`junction " + String.join(" ", args) + "` threw " + thrown[0]
                    + "; output: " + out + err, thrown[0]);
        }
        return new CliResult(status[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ HTTP

    /** One response: status, headers (names case-insensitive) and body as text. */
    record Response(int statusCode, java.net.http.HttpHeaders headers, String body) {
    }

    /**
     * {@code GET path} on 127.0.0.1:port with {@code Host: host} and, if {@code user} is set, BasicAuth. Sent with
     * java.net.http; should another test class of this JVM have loaded that client before the property allowing
     * a {@code Host} header was set (it is read once), the same request goes over a plain socket instead, so the
     * outcome never depends on the order test classes run in.
     */
    static Response get(int port, String host, String path, String user, String password)
            throws IOException, InterruptedException {
        String authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .GET();
        try {
            request.header("Host", host);
        } catch (IllegalArgumentException restricted) {
            return RawHttp.get(port, host, path, authorization);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** The fallback of {@link #get}: one HTTP/1.1 request per connection over a socket. */
    private static final class RawHttp {
        static Response get(int port, String host, String path, String authorization) throws IOException {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                        + "Connection: close\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                int end = raw.indexOf("\r\n\r\n");
                if (end < 0) {
                    throw new IOException("incomplete response: " + raw);
                }
                String[] lines = raw.substring(0, end).split("\r\n");
                Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
                String body = raw.substring(end + 4);
                if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                    body = unchunk(body);
                }
                return new Response(Integer.parseInt(lines[0].split(" ")[1]),
                        java.net.http.HttpHeaders.of(headers, (k, v) -> true),
                        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }

        private static String unchunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }

    /** The status of a request, or -1 when it failed at the transport level. */
    static int status(int port, String host, String path, String user, String password) {
        try {
            return get(port, host, path, user, password).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The seed's request: {@code curl -u test:test -H 'Host: example.com' /whoami/}. */
    static Response seedRequest(int port) throws IOException, InterruptedException {
        return get(port, "example.com", "/whoami/", "test", "test");
    }

    /**
     * Polls every {@link #POLL} until {@code condition} holds, for at most {@link #TIMEOUT}; returns how long it
     * took, failing with {@code what} if it never held.
     */
    static Duration await(String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT.toMillis() + " ms waiting for: " + what);
            }
            sleep(POLL);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asserts a reload became visible within {@link #RELOAD_DEADLINE} (measured from {@code changedAt}). */
    static void assertWithinReloadDeadline(String what, long changedAtNanos, BooleanSupplier condition) {
        await(what, condition);
        Duration took = Duration.ofNanos(System.nanoTime() - changedAtNanos);
        assertTrue(took.compareTo(RELOAD_DEADLINE.plus(POLL)) <= 0,
                what + " took " + took.toMillis() + " ms, more than " + RELOAD_DEADLINE.toMillis() + " ms");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client looping on one request while a reload happens (at most {@code maxRequests}, and never past
     * {@link #TIMEOUT}), recording every status; transport failures are recorded as -1. It runs at least
     * {@link #MIN_REQUESTS} requests even when asked to stop earlier, so a verdict always rests on enough traffic.
     */
    static final class ClientLoop implements AutoCloseable {
        static final int MIN_REQUESTS = 50;

        private final List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        ClientLoop(int port, String host, String path, String user, String password, int maxRequests) {
            long deadline = System.nanoTime() + TIMEOUT.plusSeconds(5).toNanos();
            thread = new Thread(() -> {
                for (int i = 0; i < maxRequests && (i < MIN_REQUESTS || !stop.get())
                        && System.nanoTime() < deadline; i++) {
                    statuses.add(status(port, host, path, user, password));
                }
            }, "junction-test-client-loop");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops the loop (bounded) and returns every status seen, in order. */
        List<Integer> finish() {
            stop.set(true);
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertTrue(!thread.isAlive(), "the client loop did not stop");
            synchronized (statuses) {
                return List.copyOf(statuses);
            }
        }

        /**
         * Finishes and asserts every request got an allowed status, that the statuses only ever moved forward
         * through {@code allowedInOrder} (no flapping back to the old configuration) and that enough requests ran
         * to mean something.
         */
        void assertNoFailedRequest(int... allowedInOrder) {
            List<Integer> seen = finish();
            assertTrue(seen.size() >= MIN_REQUESTS, "the client loop ran only " + seen.size() + " requests");
            int stage = 0;
            for (int s : seen) {
                int at = indexOf(allowedInOrder, s);
                if (at < 0) {
                    fail("a request failed during the reload with status " + s + " (-1 = I/O error); all: "
                            + summary(seen));
                }
                if (at < stage) {
                    fail("status went back to " + s + " after a later configuration served; all: " + summary(seen));
                }
                stage = at;
            }
        }

        @Override
        public void close() {
            stop.set(true);
        }

        private static int indexOf(int[] values, int value) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == value) {
                    return i;
                }
            }
            return -1;
        }

        private static String summary(List<Integer> seen) {
            return seen.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    // ------------------------------------------------------------------ logs

    /** Collects what Junction logs (through SLF4J/Logback, which System.Logger also reaches) while open. */
    static final class LogCapture implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            root.addAppender(appender);
        }

        List<String> errors() {
            synchronized (appender) {
                return appender.list.stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                        .map(ILoggingEvent::getFormattedMessage)
                        .toList();
            }
        }

        List<String> all() {
            synchronized (appender) {
                return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    // ------------------------------------------------------------------ files

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes like an editor that saves safely: a temp file in the same directory, renamed over the target. */
    static void editorSave(Path file, String content) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".swp");
        write(temp, content);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module directory's path to the repository root (tests run with bootstrap/ as working directory). */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the repository root (with examples/) above " + here);
    }

    static String staticYaml(Path dynamicDirectory) {
        return """
                entryPoints:
                  web:
                    address: "127.0.0.1:0"
                providers:
                  file:
                    directory: "%s"
                """.formatted(dynamicDirectory.toAbsolutePath());
    }

    static String staticToml(Path dynamicDirectory) {
        return """
                [entryPoints]
                  [entryPoints.web]
                    address = "127.0.0.1:0"
                [providers]
                  [providers.file]
                    directory = "%s"
                """.formatted(dynamicDirectory.toAbsolutePath());
    }

    /** The seed's dynamic configuration in YAML with its server pointing at {@code backendUrl}. */
    static String seedDynamicYaml(String backendUrl) {
        return seedDynamicYaml(backendUrl, SEED_USERS);
    }

    static String seedDynamicYaml(String backendUrl, String user) {
        return """
                http:
                  routers:
                    to-whoami:
                      rule: "Host(`example.com`) && PathPrefix(`/whoami/`)"
                      middlewares:
                      - test-user
                      service: whoami
                  middlewares:
                    test-user:
                      basicAuth:
                        users:
                        - "%s"
                  services:
                    whoami:
                      loadBalancer:
                        servers:
                        - url: %s/whoami-service
                """.formatted(user, backendUrl);
    }

    static String seedDynamicToml(String backendUrl) {
        return """
                [http]
                  [http.routers]
                    [http.routers.to-whoami]
                      rule = "Host(`example.com`) && PathPrefix(`/whoami/`)"
                      middlewares = ["test-user"]
                      service = "whoami"
                  [http.middlewares]
                    [http.middlewares.test-user.basicAuth]
                      users = ["%s"]
                  [http.services]
                    [http.services.whoami.loadBalancer]
                      [[http.services.whoami.loadBalancer.servers]]
                        url = "%s/whoami-service"
                """.formatted(SEED_USERS, backendUrl);
    }

    /** A router {@code name} for Host {@code host} to a service of the same name on {@code backendUrl}. */
    static String simpleRouteYaml(String name, String host, String backendUrl) {
        return """
                http:
                  routers:
                    %1$s:
                      rule: "Host(`%2$s`)"
                      service: %1$s
                  services:
                    %1$s:
                      loadBalancer:
                        servers:
                        - url: %3$s
                """.formatted(name, host, backendUrl);
    }

    private static byte[] sha1(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
