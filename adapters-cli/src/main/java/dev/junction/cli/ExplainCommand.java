package dev.junction.cli;

import dev.junction.application.port.in.ExplainUseCase;
import dev.junction.domain.config.ConfigurationException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code junction explain}: which router takes a described request, and why the ones before it did not. */
@Command(name = "explain", description = "Show which router would take a request and, for each router tried "
        + "before it, why it did not match.")
final class ExplainCommand implements Callable<Integer> {
    private final ExplainUseCase explain;
    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(names = "--host", required = true, description = "The request's Host.")
    String host;

    @Option(names = "--path", defaultValue = "/", description = "The request path (default: /).")
    String path;

    @Option(names = "--method", defaultValue = "GET", description = "The request method (default: GET).")
    String method;

    @Option(names = "--header", description = "A request header as Name:Value; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--clientIp", defaultValue = "127.0.0.1", description = "The client address (default: 127.0.0.1).")
    String clientIp;

    @Option(names = "--entryPoint", description = "The entrypoint (default: the first one).")
    String entryPoint;

    @Mixin
    StaticSources sources;

    @Unmatched
    List<String> flags;

    ExplainCommand(ExplainUseCase explain, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.explain = explain;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Map<String, List<String>> headerMap = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                err.println("junction explain: --header takes Name:Value, got \"" + h + "\"");
                err.flush();
                return 2;
            }
            headerMap.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        try {
            List<String> lines = explain.explain(sources.request(environment, flags),
                    new ExplainUseCase.Query(entryPoint, method, host, path, headerMap, clientIp));
            lines.forEach(out::println);
            out.flush();
            return 0;
        } catch (ConfigurationException e) {
            e.problems().forEach(p -> err.println("junction: " + p));
            err.flush();
            return 1;
        }
    }
}
