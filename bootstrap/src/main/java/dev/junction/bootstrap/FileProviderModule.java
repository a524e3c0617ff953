package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.application.port.out.DynamicSourceFactoryPort;
import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.fileprovider.FileSourceFactory;
import dev.junction.fileprovider.StaticConfigFileReader;
import java.nio.file.Path;

/** Configuration comes from YAML and TOML files: the static file and the watched dynamic files. */
public final class FileProviderModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DynamicSourceFactoryPort.class).to(FileSourceFactory.class);
        bind(StaticConfigFilePort.class).toInstance(
                new StaticConfigFileReader(System.getenv(), Path.of("").toAbsolutePath()));
    }
}
