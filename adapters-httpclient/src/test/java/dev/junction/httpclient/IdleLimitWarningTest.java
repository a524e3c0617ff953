package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleLimitWarningTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> said = new ArrayList<>();
    private final IdleLimitWarning warning = new IdleLimitWarning(2, now::get, said::add);

    private void close(long times) {
        for (long i = 0; i < times; i++) {
            warning.closedAtLimit("http://127.0.0.1:8080");
        }
    }

    @Test
    void aSteadyStreamOfClosingsIsReportedOncePerWindow() {
        close(IdleLimitWarning.THRESHOLD - 1);
        now.addAndGet(IdleLimitWarning.WINDOW_NANOS);
        close(1);
        assertEquals(1, said.size());
        assertTrue(said.get(0).startsWith("serversTransport.maxIdleConnsPerHost is 2: 600 backend connections"),
                said.get(0));
        assertTrue(said.get(0).contains("in the last 60 s (the latest to http://127.0.0.1:8080)"), said.get(0));

        close(5 * IdleLimitWarning.THRESHOLD);
        assertEquals(1, said.size(), "not again within the window");
        now.addAndGet(IdleLimitWarning.WINDOW_NANOS);
        close(1);
        assertEquals(2, said.size());
        assertTrue(said.get(1).contains(": " + (5 * IdleLimitWarning.THRESHOLD + 1) + " backend"), said.get(1));
    }

    @Test
    void aFewClosingsAsLoadDropsAreNotReported() {
        close(IdleLimitWarning.THRESHOLD - 2);
        now.addAndGet(IdleLimitWarning.WINDOW_NANOS);
        close(1);
        now.addAndGet(2 * IdleLimitWarning.WINDOW_NANOS);
        close(1);
        assertEquals(List.of(), said, "each window counts afresh");
    }
}
