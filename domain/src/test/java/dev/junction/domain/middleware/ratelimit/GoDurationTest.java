package dev.junction.domain.middleware.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void formatsAsGoDoes() {
        assertEquals("0s", GoDuration.format(0));
        assertEquals("999ns", GoDuration.format(999));
        assertEquals("1.5µs", GoDuration.format(1_500));
        assertEquals("250ms", GoDuration.format(250_000_000));
        assertEquals("1.5s", GoDuration.format(1_500_000_000L));
        assertEquals("2m3.5s", GoDuration.format(123_500_000_000L));
        assertEquals("1h0m1s", GoDuration.format(3_601_000_000_000L));
    }
}
