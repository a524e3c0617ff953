package dev.junction.domain.middleware.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EncodedCharactersTest {
    private static final EncodedCharacters.Allowed NONE =
            new EncodedCharacters.Allowed(false, false, false, false, false, false, false);

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a%5Cb", "/a%00b", "/a%3Bb", "/a%25b", "/a%3Fb", "/a%23b"})
    void refusesEveryEscapeByDefault(String path) {
        RecordingExchange exchange = new RecordingExchange().withRawPath(path);
        RecordingHandler next = new RecordingHandler();
        new EncodedCharacters(NONE).handle(exchange, next);
        assertEquals(400, exchange.status());
        assertFalse(next.called());
    }

    @Test
    void letsOtherEscapesAndPlainPathsThrough() {
        RecordingHandler next = new RecordingHandler();
        new EncodedCharacters(NONE).handle(new RecordingExchange().withRawPath("/a%20b/c"), next);
        assertTrue(next.called());
    }

    @Test
    void anAllowedEscapePasses() {
        RecordingHandler next = new RecordingHandler();
        EncodedCharacters slashAllowed = new EncodedCharacters(
                new EncodedCharacters.Allowed(true, false, false, false, false, false, false));
        slashAllowed.handle(new RecordingExchange().withRawPath("/a%2Fb"), next);
        assertTrue(next.called());
        RecordingExchange semicolon = new RecordingExchange().withRawPath("/a%3Bb");
        slashAllowed.handle(semicolon, next);
        assertEquals(400, semicolon.status());
    }
}
