package dev.junction.httpclient.redis;

import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;
import dev.junction.httpclient.tls.PemIdentity;
import dev.junction.httpclient.tls.TlsTrust;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets in Redis. One Lua script takes a token atomically with the in-memory bucket's rules, on the
 * server's clock ({@code TIME}), so every instance sharing the store counts alike whatever their own clocks say.
 * Commands are asynchronous; while a single Redis is unreachable they fail at once instead of queueing (a cluster's
 * wait, bounded, for the node their key lives on), and the outage is logged once, as is the recovery. Several
 * endpoints are a cluster, as Traefik's client takes them: keys are routed by slot and the topology follows moves.
 */
final class RedisBuckets implements SharedBucketsPort {
    private static final System.Logger LOG = System.getLogger("junction.ratelimit");

    static final String SCRIPT = """
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local maxDelay = tonumber(ARGV[3])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
            local tokens = tonumber(state[1])
            local last = tonumber(state[2])
            if tokens == nil or last == nil then
              tokens = burst
              last = now
            end
            if now > last then
              tokens = math.min(burst, tokens + (now - last) * rate / 1000000)
              last = now
            end
            tokens = tokens - 1
            local delay = 0
            if tokens < 0 then
              delay = math.ceil(-tokens / rate * 1000000)
            end
            if delay > maxDelay then
              return {0, delay}
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(last))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
            return {1, delay}
            """;

    /**
     * A cluster connects to each node when a key first needs it, so commands wait for that connection rather than
     * fail; at most this many wait, each no longer than the read and write timeouts.
     */
    private static final int QUEUED_WHILE_CONNECTING = 65_536;

    private final Connector connector;
    private final AbstractRedisClient client;
    private final String where;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile CompletableFuture<RedisScriptingAsyncCommands<String, String>> connection;

    /** Opens the connection commands go through: to one server, or to a cluster that routes by key. */
    @FunctionalInterface
    private interface Connector {
        CompletableFuture<RedisScriptingAsyncCommands<String, String>> connect();
    }

    /** @throws IllegalArgumentException when a CA, certificate or key of {@code tls} cannot be loaded */
    RedisBuckets(MiddlewareConfig.Redis settings) {
        List<RedisURI> uris = settings.endpoints().stream().map(endpoint -> uri(settings, endpoint)).toList();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.dialTimeout()).build();
        SslOptions ssl = settings.tls().map(RedisBuckets::ssl).orElse(null);
        this.where = String.join(", ", settings.endpoints()) + (uris.size() > 1 ? " (cluster)" : "")
                + (ssl == null ? "" : " (TLS)");
        if (uris.size() == 1) {
            RedisClient single = RedisClient.create();
            ClientOptions.Builder options = ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            single.setOptions(options.build());
            this.client = single;
            this.connector = () -> single.connectAsync(StringCodec.UTF8, uris.get(0)).toCompletableFuture()
                    .thenApply(StatefulRedisConnection::async);
        } else {
            RedisClusterClient cluster = RedisClusterClient.create(uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().build())
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .requestQueueSize(QUEUED_WHILE_CONNECTING)
                    .socketOptions(socket);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            cluster.setOptions(options.build());
            this.client = cluster;
            this.connector = () -> cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(topology -> cluster.connectAsync(StringCodec.UTF8))
                    .thenApply(StatefulRedisClusterConnection::async);
        }
    }

    /** One endpoint as Lettuce names it; a cluster has no databases, so {@code db} applies to one server only. */
    private static RedisURI uri(MiddlewareConfig.Redis settings, String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(endpoint.substring(0, colon))
                .withPort(Integer.parseInt(endpoint.substring(colon + 1)))
                .withTimeout(settings.readTimeout().plus(settings.writeTimeout()));
        if (settings.endpoints().size() == 1) {
            builder.withDatabase(settings.db());
        }
        if (!settings.password().isEmpty()) {
            if (settings.username().isEmpty()) {
                builder.withPassword(settings.password().toCharArray());
            } else {
                builder.withAuthentication(settings.username(), settings.password());
            }
        }
        settings.tls().ifPresent(tls -> builder.withSsl(true)
                .withVerifyPeer(tls.insecureSkipVerify() ? SslVerifyMode.NONE : SslVerifyMode.FULL));
        return builder.build();
    }

    private static SslOptions ssl(ClientTls tls) {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        if (!tls.ca().isEmpty() && !tls.insecureSkipVerify()) {
            ssl.trustManager(TlsTrust.trustManagerFactory(List.of(tls.ca())));
        }
        tls.certificate().ifPresent(c -> ssl.keyManager(PemIdentity.keyManagerFactory(List.of(c))));
        return ssl.build();
    }

    @Override
    public CompletionStage<Reservation> reserve(String key, double ratePerSecond, long burst, long maxDelayNanos) {
        String[] args = {Double.toString(ratePerSecond), Long.toString(burst), Long.toString(maxDelayNanos / 1000)};
        return connection()
                .thenCompose(c -> c.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, new String[] {key},
                        args).toCompletableFuture())
                .thenApply(reply -> new Reservation(((Long) reply.get(0)) == 1, ((Long) reply.get(1)) * 1000))
                .whenComplete((reservation, failure) -> {
                    if (failure != null) {
                        if (down.compareAndSet(false, true)) {
                            LOG.log(System.Logger.Level.ERROR, "rateLimit: Redis at " + where + " cannot be used ("
                                    + rootMessage(failure) + "); requests limited through it get 500 until it is back");
                        }
                    } else if (down.compareAndSet(true, false)) {
                        LOG.log(System.Logger.Level.WARNING, "rateLimit: Redis at " + where + " is back");
                    }
                });
    }

    /** Shuts the client down without waiting: its connections close and its threads end in the background. */
    @Override
    public void close() {
        client.shutdownAsync();
    }

    private CompletableFuture<RedisScriptingAsyncCommands<String, String>> connection() {
        CompletableFuture<RedisScriptingAsyncCommands<String, String>> current = connection;
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        synchronized (this) {
            if (connection == null || connection.isCompletedExceptionally()) {
                connection = connector.connect();
            }
            return connection;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
