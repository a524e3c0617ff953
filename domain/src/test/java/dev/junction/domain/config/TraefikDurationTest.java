package dev.junction.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({"0, 0s", "2000, 2s", "90000, 1m30s", "250, 250ms", "1500, 1.5s",
        "3600000, 1h", "3723000, 1h2m3s"})
    void formatsAsGoDurations(long millis, String text) {
        assertEquals(text, TraefikDuration.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), TraefikDuration.parse(text).get());
    }
}
