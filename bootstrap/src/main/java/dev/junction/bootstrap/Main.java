package dev.junction.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.junction.application.runtime.JunctionRuntime;
import dev.junction.cli.JunctionCli;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import sun.misc.Signal;

/**
 * The runnable jar's entry point: wires the adapter modules and runs the command line. SIGTERM (and Ctrl-C)
 * stop accepting, let requests in flight finish within a bounded grace time, and exit 0.
 */
public final class Main {
    private Main() {
    }

    /** The modules of a production process; tests swap one of them to swap an adapter. */
    public static List<Module> modules() {
        return List.of(new CoreModule(), new UndertowModule(), new HttpClientModule(), new FileProviderModule(),
                new BodyBufferModule(), new CryptoModule());
    }

    public static int run(Injector injector, String[] args) {
        JunctionRuntime runtime = injector.getInstance(JunctionRuntime.class);
        Thread hook = new Thread(runtime::stop, "junction-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopOn("TERM", runtime);
        stopOn("INT", runtime);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = injector.getInstance(JunctionCli.class).run(args, System.getenv(), out, err);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return status;
        }
        return status;
    }

    /**
     * Handles {@code signal} by draining and returning from {@code serve}, so the process exits 0 on SIGTERM as an
     * orchestrator expects (the JVM's default would exit 143 without draining first).
     */
    private static void stopOn(String signal, JunctionRuntime runtime) {
        try {
            Signal.handle(new Signal(signal), s -> new Thread(runtime::stop, "junction-stop-" + signal).start());
        } catch (IllegalArgumentException unsupported) {
            // the shutdown hook still drains on platforms without this signal
        }
    }

    public static void main(String[] args) {
        boolean inspecting = args.length > 0 && List.of("check", "explain", "version").contains(args[0]);
        if (inspecting && !args[0].equals("version")) {
            // these commands print their own findings; the provider's log lines would say everything twice
            System.setProperty("JUNCTION_LOG_LEVEL", "OFF");
        }
        String scheduling = System.getProperty(CpuScheduling.PROPERTY);
        if (!CpuScheduling.valid(scheduling)) {
            System.err.println("junction: -D" + CpuScheduling.PROPERTY + " must be batch or normal, got \""
                    + scheduling + "\"");
            System.exit(2);
        }
        CpuScheduling.Outcome outcome = inspecting ? null : CpuScheduling.apply(scheduling);
        if (outcome != null) {
            System.getLogger("junction").log(outcome.applied() ? Level.INFO : Level.WARNING, outcome.message());
        }
        int status = run(Guice.createInjector(modules()), args);
        System.exit(status);
    }
}
