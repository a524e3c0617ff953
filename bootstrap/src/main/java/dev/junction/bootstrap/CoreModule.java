package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.junction.application.compile.MiddlewareCatalog;
import dev.junction.application.port.out.DynamicSourceFactoryPort;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.application.port.out.EncodingsPort;
import dev.junction.application.port.out.ListenPort;
import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.application.runtime.JunctionRuntime;
import dev.junction.application.runtime.OpenedStores;
import dev.junction.application.runtime.StaticConfigurationLoader;
import dev.junction.application.runtime.SystemTimer;
import dev.junction.cli.JunctionCli;
import dev.junction.domain.auth.PasswordHashes;
import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Properties;

/** The use cases and the command line, built from whatever the adapter modules bind to the ports. */
public final class CoreModule extends AbstractModule {

    @Provides
    @Singleton
    JunctionRuntime runtime(StaticConfigFilePort files, DynamicSourceFactoryPort sources,
                            ForwarderFactoryPort forwarders, ListenPort listen, PasswordHashes hashes,
                            SharedBucketsFactoryPort sharedBuckets, EncodingsPort codecs,
                            BodyBufferPort buffers) {
        OpenedStores stores = new OpenedStores(sharedBuckets);
        return new JunctionRuntime(new StaticConfigurationLoader(files), sources, forwarders, listen,
                new MiddlewareCatalog(hashes, new SystemTimer(), stores, codecs, buffers), stores, hostName());
    }

    @Provides
    @Singleton
    Demo demo(JunctionRuntime runtime) {
        return new Demo(runtime);
    }

    @Provides
    @Singleton
    JunctionCli cli(JunctionRuntime runtime, Demo demo) {
        return new JunctionCli(runtime, runtime, runtime, demo, version());
    }

    static String version() {
        try (InputStream in = CoreModule.class.getResourceAsStream("/junction-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "junction";
        }
    }
}
