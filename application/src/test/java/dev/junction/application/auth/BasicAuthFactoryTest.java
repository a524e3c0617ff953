package dev.junction.application.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.junction.domain.auth.BasicAuth;
import dev.junction.domain.auth.PasswordHash;
import dev.junction.domain.auth.PasswordHashes;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicAuthFactoryTest {
    private static final Origin ORIGIN = new Origin("dynamic.yml", 7);
    private static final String TEST_TEST = "test:" + sha("test");

    private final BasicAuthFactory factory = new BasicAuthFactory(new ShaPasswordHashes());

    @TempDir
    Path dir;

    private static MiddlewareConfig.BasicAuth config(List<String> users, String usersFile) {
        return new MiddlewareConfig.BasicAuth("test-user", ORIGIN, users, usersFile, "traefik", "", false);
    }

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("users"), content, StandardCharsets.UTF_8);
    }

    private static List<ConfigProblem> problems(MiddlewareConfig.BasicAuth config, BasicAuthFactory factory) {
        return assertThrows(ConfigurationException.class, () -> factory.create(config)).problems();
    }

    private List<ConfigProblem> problems(MiddlewareConfig.BasicAuth config) {
        return problems(config, factory);
    }

    /** Whether the middleware lets {@code user:password} through. */
    private static boolean admits(BasicAuth basicAuth, String user, String password) {
        HttpHeaders headers = new ListHeaders();
        headers.set("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        Exchange exchange = mock(Exchange.class);
        when(exchange.requestHeaders()).thenReturn(headers);
        doAnswer(call -> {
            call.<Runnable>getArgument(0).run();
            return null;
        }).when(exchange).offload(any());
        HttpHandler next = mock(HttpHandler.class);

        basicAuth.handle(exchange, next);

        boolean admitted = !org.mockito.Mockito.mockingDetails(next).getInvocations().isEmpty();
        if (admitted) {
            verify(exchange, never()).respond(anyInt(), any(), anyString());
        } else {
            verify(exchange).respond(anyInt(), any(), anyString());
        }
        return admitted;
    }

    @Test
    void inlineUsersAreAdmittedWithTheirPassword() {
        BasicAuth basicAuth = factory.create(config(List.of(TEST_TEST, "alice:" + sha("secret")), ""));

        assertTrue(admits(basicAuth, "test", "test"));
        assertTrue(admits(basicAuth, "alice", "secret"));
        assertFalse(admits(basicAuth, "alice", "test"));
    }

    @Test
    void usersFileSkipsBlankAndCommentLinesAndTrimsTheRest() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/auth/users.htpasswd").toURI());

        BasicAuth basicAuth = factory.create(config(List.of(), fixture.toString()));

        assertTrue(admits(basicAuth, "test", "test"));
        assertTrue(admits(basicAuth, "alice", "password"));
    }

    @Test
    void inlineUsersOverrideFileUsersOfTheSameName() throws IOException {
        Path usersFile = file("test:" + sha("from-file") + "\nbob:" + sha("bob") + "\n");

        BasicAuth basicAuth = factory.create(config(List.of("test:" + sha("inline")), usersFile.toString()));

        assertTrue(admits(basicAuth, "test", "inline"));
        assertFalse(admits(basicAuth, "test", "from-file"));
        assertTrue(admits(basicAuth, "bob", "bob"));
    }

    @Test
    void entriesSplitAtTheFirstColon() {
        List<ConfigProblem> problems = problems(config(List.of("a:b:" + sha("x")), ""));

        assertEquals(List.of(new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.users[0]",
                "user \"a\": unsupported password hash format")), problems);
    }

    @Test
    void settingsReachTheMiddleware() {
        BasicAuth basicAuth = factory.create(
                new MiddlewareConfig.BasicAuth("m", ORIGIN, List.of(TEST_TEST), "", "realm", "X-User", true));

        assertEquals("BasicAuth[realm=realm, users=1, headerField=X-User, removeHeader]", basicAuth.toString());
    }

    @Test
    void inlineEntryWithoutColonIsAProblemAtItsIndex() {
        assertEquals(List.of(new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.users[1]",
                        "malformed user entry, expected user:hash")),
                problems(config(List.of(TEST_TEST, "justaname"), "")));
    }

    @Test
    void unsupportedHashIsAProblemNamingTheUserButNotTheHash() {
        List<ConfigProblem> problems = problems(config(List.of("test:test", "bob:$6$salt$abc"), ""));

        assertEquals(List.of(
                new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.users[0]",
                        "user \"test\": unsupported password hash format"),
                new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.users[1]",
                        "user \"bob\": unsupported password hash format")), problems);
    }

    @Test
    void badFileLineIsAProblemAtThatFileAndLine() throws IOException {
        Path usersFile = file("# comment\n" + TEST_TEST + "\n\nbroken\nalice:plain\n");

        List<ConfigProblem> problems = problems(config(List.of(), usersFile.toString()));

        String key = "http.middlewares.test-user.basicAuth.usersFile";
        assertEquals(List.of(
                new ConfigProblem(new Origin(usersFile.toString(), 4), key, "malformed user entry, expected user:hash"),
                new ConfigProblem(new Origin(usersFile.toString(), 5), key,
                        "user \"alice\": unsupported password hash format")), problems);
    }

    @Test
    void missingUsersFileIsAProblem() {
        String missing = dir.resolve("nope").toString();

        assertEquals(List.of(new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.usersFile",
                        "cannot read users file " + missing + ": no such file")),
                problems(config(List.of(TEST_TEST), missing)));
    }

    @Test
    void unreadableUsersFileIsAProblem() {
        List<ConfigProblem> problems = problems(config(List.of(), dir.toString()));

        assertEquals(1, problems.size());
        assertEquals("http.middlewares.test-user.basicAuth.usersFile", problems.get(0).key());
        assertTrue(problems.get(0).message().startsWith("cannot read users file " + dir),
                problems.get(0).message());
    }

    @Test
    void noUsersAtAllIsAProblem() {
        assertEquals(List.of(new ConfigProblem(ORIGIN, "http.middlewares.test-user.basicAuth.users",
                        "no users defined: users and usersFile are both empty")),
                problems(config(List.of(), "")));
    }

    @Test
    void usersFileWithOnlyCommentsIsNoUsersAtAll() throws IOException {
        Path usersFile = file("# nobody yet\n\n");

        assertEquals("no users defined: users and usersFile are both empty",
                problems(config(List.of(), usersFile.toString())).get(0).message());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Path usersFile = file("broken\n");

        assertEquals(3, problems(config(List.of("x", "y:z"), usersFile.toString())).size());
    }

    private static String sha(String password) {
        try {
            return "{SHA}" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test stand-in for the crypto adapter that knows {@code {SHA}} only. */
    private static final class ShaPasswordHashes implements PasswordHashes {
        @Override
        public PasswordHash parse(String encoded) {
            if (!encoded.startsWith("{SHA}")) {
                throw new IllegalArgumentException(UNSUPPORTED_FORMAT);
            }
            return password -> MessageDigest.isEqual(
                    encoded.getBytes(StandardCharsets.US_ASCII), sha(password).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
