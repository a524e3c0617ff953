package dev.junction.domain.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.ListHeaders;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {
    @Test
    void headersNamedInConnectionAreFoundInAnyCaseAndAnyLocale() {
        ListHeaders headers = new ListHeaders();
        headers.add("Connection", "keep-alive, X-Request-ID");
        headers.add("connection", " Upgrade ,,");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr"));
        try {
            List<String> named = HopByHopHeaders.namedInConnection(headers);
            assertEquals(List.of("keep-alive", "x-request-id", "upgrade"), named);
            assertTrue(HopByHopHeaders.isNamed(named, "X-REQUEST-ID"), "a dotless i in Turkish, were it lower-cased");
            assertTrue(HopByHopHeaders.isNamed(named, "upgrade"));
            assertFalse(HopByHopHeaders.isNamed(named, "X-Request"));
            assertFalse(HopByHopHeaders.isNamed(List.of(), "Upgrade"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theFixedListMatchesInAnyCase() {
        assertTrue(HopByHopHeaders.isHopByHop("Transfer-Encoding"));
        assertTrue(HopByHopHeaders.isHopByHop("TE"));
        assertFalse(HopByHopHeaders.isHopByHop("Trailers"));
        assertFalse(HopByHopHeaders.isHopByHop("Content-Length"));
    }
}
