package dev.junction.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TraefikDurationTest {

    @Test
    void readsGoDurationStrings() {
        assertEquals(Duration.ofSeconds(1), TraefikDuration.parse("1s").orElseThrow());
        assertEquals(Duration.ofMillis(500), TraefikDuration.parse("500ms").orElseThrow());
        assertEquals(Duration.ofSeconds(90), TraefikDuration.parse("1m30s").orElseThrow());
        assertEquals(Duration.ofMinutes(90), TraefikDuration.parse("1.5h").orElseThrow());
        assertEquals(Duration.ofNanos(1500), TraefikDuration.parse("1us500ns").orElseThrow());
    }

    @Test
    void readsABareNumberAsSeconds() {
        assertEquals(Duration.ofSeconds(30), TraefikDuration.parse("30").orElseThrow());
        assertEquals(Duration.ofMillis(2500), TraefikDuration.parse("2.5").orElseThrow());
        assertEquals(Duration.ZERO, TraefikDuration.parse("0").orElseThrow());
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertTrue(TraefikDuration.parse("").isEmpty());
        assertTrue(TraefikDuration.parse("fast").isEmpty());
        assertTrue(TraefikDuration.parse("10 seconds").isEmpty());
        assertTrue(TraefikDuration.parse("5d").isEmpty());
        assertTrue(TraefikDuration.parse("s").isEmpty());
    }
}
