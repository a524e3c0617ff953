package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RulePriorityTest {

    @Test
    void defaultPriorityIsTheRuleLength() {
        assertEquals(19, RulePriority.of("Host(`example.org`)", 0).value());
    }

    @Test
    void defaultPriorityCountsUtf8Bytes() {
        assertEquals(14, RulePriority.defaultFor("Path(`/café`)"));
    }

    @Test
    void explicitPriorityWins() {
        assertEquals(5, RulePriority.of("Host(`example.org`)", 5).value());
    }

    @Test
    void negativePriorityIsAllowed() {
        assertEquals(-1, RulePriority.of("Host(`example.org`)", -1).value());
    }

    @Test
    void longerHostRegexpBeatsShorterHostAsInTheDocs() {
        RulePriority regexp = RulePriority.of("HostRegexp(`[a-z]+\\.traefik\\.com`)", 0);
        RulePriority host = RulePriority.of("Host(`foobar.traefik.com`)", 0);
        assertEquals(34, regexp.value());
        assertEquals(26, host.value());
        assertTrue(regexp.compareTo(host) > 0);
    }

    @Test
    void maxUserPriorityIsAllowed() {
        assertEquals(Long.MAX_VALUE - 1000, RulePriority.of("Host(`a`)", RulePriority.MAX_USER_PRIORITY).value());
    }

    @Test
    void priorityAboveTheMaxIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RulePriority.validate(Long.MAX_VALUE));
        assertEquals("the router priority 9223372036854775807 exceeds the max user-defined priority "
                + "9223372036854774807", e.getMessage());
    }

    @Test
    void isAllowedRejectsInternalPriorities() {
        assertFalse(RulePriority.isAllowed(Long.MAX_VALUE - 999));
    }
}
