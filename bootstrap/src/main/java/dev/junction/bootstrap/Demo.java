package dev.junction.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.application.port.in.DemoUseCase;
import dev.junction.application.port.in.StartupRequest;
import dev.junction.application.runtime.JunctionRuntime;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code junction demo}: the seed's example running with no set-up. Two whoami backends start inside the process
 * on free loopback ports, the seed's static and dynamic configuration is written to a temp directory pointing at
 * them, and Junction serves it like any other configuration, file watching included.
 */
final class Demo implements DemoUseCase {
    private final JunctionRuntime runtime;

    Demo(JunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public int demo(int port) {
        // the JDK server otherwise delays every small answer by ~40 ms (Nagle's algorithm with delayed ACKs)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<HttpServer> backends = new ArrayList<>();
        try {
            backends.add(whoami("whoami-1"));
            backends.add(whoami("whoami-2"));
            Path dir = Files.createTempDirectory("junction-demo");
            Path dynamic = Files.createDirectories(dir.resolve("dynamic"));
            Files.writeString(dir.resolve("static.yml"), "entryPoints:\n  web:\n    address: \"127.0.0.1:" + port
                    + "\"\nproviders:\n  file:\n    directory: \"" + dynamic + "\"\n");
            Files.writeString(dynamic.resolve("whoami.yml"), """
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
                            - test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/
                      services:
                        whoami:
                          loadBalancer:
                            servers:
                            - url: http://127.0.0.1:%d/whoami-service
                            - url: http://127.0.0.1:%d/whoami-service
                    """.formatted(backends.get(0).getAddress().getPort(), backends.get(1).getAddress().getPort()));
            System.out.println("""

                    Junction demo: the seed's example, two whoami backends behind BasicAuth (user test, password test).
                    Configuration: %s (edit %s and Junction reloads it live)
                    Try:
                      curl -u test:test -H 'Host: example.com' http://127.0.0.1:%d/whoami/   (run it twice: two backends)
                      curl -i -H 'Host: example.com' http://127.0.0.1:%d/whoami/             (401)
                      curl -i http://127.0.0.1:%d/                                           (404)
                    Ctrl-C stops.
                    """.formatted(dir, dynamic.resolve("whoami.yml"), port, port, port));
            ConfigNode.MapNode none = new ConfigNode.MapNode(Origin.of("demo"), Map.of());
            return runtime.serve(new StartupRequest(Optional.of(dir.resolve("static.yml")), none, none));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            backends.forEach(b -> b.stop(0));
        }
    }

    private static HttpServer whoami(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> answer(name, exchange));
        server.start();
        return server;
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("Hostname: ").append(name).append('\n');
        body.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append(' ')
                .append(exchange.getProtocol()).append('\n');
        exchange.getRequestHeaders().forEach((k, values) -> values.forEach(v ->
                body.append(k).append(": ").append(v).append('\n')));
        exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
