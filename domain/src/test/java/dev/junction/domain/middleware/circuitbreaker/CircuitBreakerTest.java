package dev.junction.domain.middleware.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.ratelimit.ManualTimer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final ManualTimer timer = new ManualTimer();

    private CircuitBreaker breaker(String expression) {
        return new CircuitBreaker(new CircuitBreaker.Settings(expression, Duration.ofMillis(100),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 503), timer);
    }

    private static HttpHandler answering(int status) {
        return exchange -> exchange.respond(status, new ListHeaders(), "");
    }

    private static int send(CircuitBreaker breaker, HttpHandler service) {
        RecordingExchange exchange = new RecordingExchange();
        breaker.handle(exchange, service);
        return exchange.status();
    }

    @Test
    void opensWhenTheConditionHoldsAndAnswersTheFallbackWithoutCallingTheService() {
        CircuitBreaker breaker = breaker("NetworkErrorRatio() > 0.5");
        assertEquals(200, send(breaker, answering(200)));
        timer.advance(Duration.ofMillis(200));
        assertEquals(502, send(breaker, answering(502)));
        timer.advance(Duration.ofMillis(200));
        assertEquals(502, send(breaker, answering(502)));
        int[] calls = {0};
        HttpHandler counted = exchange -> {
            calls[0]++;
            exchange.respond(200, new ListHeaders(), "");
        };
        assertEquals(503, send(breaker, counted));
        assertEquals(0, calls[0]);
    }

    @Test
    void staysClosedWhileTheConditionDoesNotHold() {
        CircuitBreaker breaker = breaker("NetworkErrorRatio() > 0.5");
        for (int i = 0; i < 10; i++) {
            timer.advance(Duration.ofMillis(150));
            assertEquals(i % 3 == 1 ? 502 : 200, send(breaker, answering(i % 3 == 1 ? 502 : 200)));
        }
    }

    @Test
    void recoversGraduallyAfterTheFallbackDurationThenCloses() {
        CircuitBreaker breaker = breaker("ResponseCodeRatio(500, 600, 0, 600) > 0.5");
        send(breaker, answering(500));
        timer.advance(Duration.ofMillis(200));
        send(breaker, answering(500));
        assertEquals(503, send(breaker, answering(200)));
        timer.advance(Duration.ofSeconds(10));
        int through = 0;
        for (int i = 0; i < 100; i++) {
            timer.advance(Duration.ofMillis(50));
            if (send(breaker, answering(200)) == 200) {
                through++;
            }
        }
        assertTrue(through > 10 && through < 90, "let through " + through + " of 100 while recovering");
        timer.advance(Duration.ofSeconds(6));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(breaker, answering(200)));
        }
    }

    @Test
    void latencyAndRequestCountsCanBeCombined() {
        CircuitBreaker breaker = breaker("RequestThreshold() >= 3 && LatencyAtQuantileMS(50.0) > 100");
        HttpHandler slow = exchange -> {
            timer.advance(Duration.ofMillis(150));
            exchange.respond(200, new ListHeaders(), "");
        };
        assertEquals(200, send(breaker, slow));
        assertEquals(200, send(breaker, slow));
        assertEquals(200, send(breaker, slow));
        assertEquals(503, send(breaker, slow));
    }

    @Test
    void eachRouterGetsItsOwnBreaker() {
        CircuitBreaker shared = breaker("NetworkErrorRatio() > 0.5");
        assertNotSame(shared, shared.forRouter());
    }

    @Test
    void badExpressionsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreaker.check("NetworkErrorRatio() >"));
        assertTrue(e.getMessage().contains("expected a number or a function"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.check("Foo() > 1"));
        assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.check("ResponseCodeRatio(500) > 1"));
        assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.check(""));
        CircuitBreaker.check("(NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(99) > 200) && RequestThreshold() > 10");
    }
}
