package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.fileprovider.spill.SpillingBuffers;

/** Bodies that the buffering middleware cannot keep in memory go to temporary files. */
public final class BodyBufferModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(BodyBufferPort.class).to(SpillingBuffers.class);
    }
}
