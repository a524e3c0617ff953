package dev.junction.domain.middleware.circuitbreaker;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.domain.port.TimerPort;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * {@code circuitBreaker}, with oxy's states as Traefik uses them. <b>Closed</b>: requests pass, their answers are
 * measured, and at most every {@code checkPeriod} the condition is evaluated; when it holds the circuit opens.
 * <b>Open</b>: for {@code fallbackDuration} every request gets {@code responseCode} (503) without reaching the
 * backend. <b>Recovering</b>: for {@code recoveryDuration} a share of requests growing linearly from 0 to all is let
 * through (the rest get the fallback); the condition holding again reopens the circuit; afterwards it is closed.
 * Each router gets its own breaker (see {@link #forRouter()}), as in Traefik.
 */
public final class CircuitBreaker implements Middleware {
    /** The options of a definition. */
    public record Settings(String expression, Duration checkPeriod, Duration fallbackDuration,
                           Duration recoveryDuration, int responseCode) {
        public Settings {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(checkPeriod, "checkPeriod");
            Objects.requireNonNull(fallbackDuration, "fallbackDuration");
            Objects.requireNonNull(recoveryDuration, "recoveryDuration");
        }
    }

    private enum State { CLOSED, OPEN, RECOVERING }

    private final Settings settings;
    private final Predicate<Condition.Reading> condition;
    private final TimerPort timer;
    private final Metrics metrics = new Metrics();
    private State state = State.CLOSED;
    private long until;
    private long nextCheck;
    private long recoveringSince;
    private long recoveryAllowed;
    private long recoveryTotal;

    public CircuitBreaker(Settings settings, TimerPort timer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.condition = Condition.parse(settings.expression());
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** Checks an expression without building a breaker; throws with the reason when it does not parse. */
    public static void check(String expression) {
        Condition.parse(expression);
    }

    @Override
    public Middleware forRouter() {
        return new CircuitBreaker(settings, timer);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        long now = timer.nanoTime();
        if (fallback(now)) {
            PlainAnswer.send(exchange, settings.responseCode());
            return;
        }
        next.handle(new Measured(exchange, now));
    }

    private synchronized boolean fallback(long now) {
        switch (state) {
            case CLOSED:
                return false;
            case OPEN:
                if (now - until < 0) {
                    return true;
                }
                state = State.RECOVERING;
                recoveringSince = now;
                until = now + settings.recoveryDuration().toNanos();
                recoveryAllowed = 0;
                recoveryTotal = 0;
                return admitWhileRecovering(now);
            default:
                if (now - until >= 0) {
                    state = State.CLOSED;
                    return false;
                }
                return admitWhileRecovering(now);
        }
    }

    /** Lets through the share of requests the linear ramp allows by now; true when this one gets the fallback. */
    private boolean admitWhileRecovering(long now) {
        double share = (double) (now - recoveringSince) / Math.max(1, settings.recoveryDuration().toNanos());
        recoveryTotal++;
        if (recoveryAllowed < share * recoveryTotal) {
            recoveryAllowed++;
            return false;
        }
        return true;
    }

    private synchronized void measured(int status, long started) {
        long now = timer.nanoTime();
        metrics.record(now, status, now - started);
        if (state == State.OPEN || now - nextCheck < 0) {
            return;
        }
        nextCheck = now + settings.checkPeriod().toNanos();
        if (condition.test(new Condition.Reading(metrics, now))) {
            state = State.OPEN;
            until = now + settings.fallbackDuration().toNanos();
            metrics.reset();
        }
    }

    /** Records the status and latency of the answer when it starts. */
    private final class Measured extends ForwardingExchange {
        private final long started;

        Measured(Exchange delegate, long started) {
            super(delegate);
            this.started = started;
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            measured(status, started);
            super.respond(status, headers, body);
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            measured(status, started);
            super.stream(status, headers, body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            measured(failure.status(), started);
            super.failed(failure, headers, body);
        }
    }

    @Override
    public String toString() {
        return "circuitBreaker " + settings.expression();
    }
}
