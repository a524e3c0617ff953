package dev.junction.application.auth;

import dev.junction.domain.auth.BasicAuth;
import dev.junction.domain.auth.PasswordHash;
import dev.junction.domain.auth.PasswordHashes;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link BasicAuth} from its configuration, once per configuration, as Traefik does: the users of
 * {@code usersFile} first (lines trimmed, blank and {@code #} lines skipped), then the inline {@code users},
 * which override file users of the same name. Each entry is {@code user:hash}, split at the first ':'.
 *
 * <p>Every problem is collected and thrown together as one {@link ConfigurationException}: a malformed entry or
 * an unsupported hash (keyed {@code http.middlewares.<name>.basicAuth.users[i]}, or {@code …usersFile} with the
 * file and line as origin), an unreadable users file, or no users at all. Messages never repeat a hash.
 *
 * <p>Reads the users file, so it runs where configuration is built, never on an IO thread.
 */
public final class BasicAuthFactory {

    private final PasswordHashes hashes;

    public BasicAuthFactory(PasswordHashes hashes) {
        this.hashes = Objects.requireNonNull(hashes, "hashes");
    }

    /** @throws ConfigurationException naming every bad entry, with the middleware's key */
    public BasicAuth create(MiddlewareConfig.BasicAuth config) throws ConfigurationException {
        Objects.requireNonNull(config, "config");
        String prefix = "http.middlewares." + config.name() + ".basicAuth";
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, PasswordHash> users = new LinkedHashMap<>();

        if (!config.usersFile().isEmpty()) {
            String key = prefix + ".usersFile";
            List<String> lines = readLines(config.usersFile(), config.origin(), key, problems);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                addUser(line, new Origin(config.usersFile(), i + 1), key, users, problems);
            }
        }
        List<String> inline = config.users();
        for (int i = 0; i < inline.size(); i++) {
            addUser(inline.get(i), config.origin(), prefix + ".users[" + i + "]", users, problems);
        }

        if (problems.isEmpty() && users.isEmpty()) {
            problems.add(new ConfigProblem(config.origin(), prefix + ".users",
                    "no users defined: users and usersFile are both empty"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new BasicAuth(users, config.realm(), config.headerField(), config.removeHeader());
    }

    private void addUser(String entry, Origin origin, String key, Map<String, PasswordHash> users,
                         List<ConfigProblem> problems) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            problems.add(new ConfigProblem(origin, key, "malformed user entry, expected user:hash"));
            return;
        }
        String user = entry.substring(0, colon);
        try {
            PasswordHash hash = hashes.parse(entry.substring(colon + 1));
            users.put(user, hash); // a later entry of the same user overrides an earlier one
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(origin, key, "user \"" + user + "\": " + e.getMessage()));
        }
    }

    /** The lines of a users file; an unreadable file is a problem with {@code key}, and no lines. */
    static List<String> readLines(String usersFile, Origin origin, String key, List<ConfigProblem> problems) {
        try {
            return Files.readAllLines(Path.of(usersFile), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem(origin, key, "cannot read users file " + usersFile + ": no such file"));
        } catch (IOException | InvalidPathException e) {
            problems.add(new ConfigProblem(origin, key, "cannot read users file " + usersFile + ": " + e));
        }
        return List.of();
    }

    @Override
    public String toString() {
        return "BasicAuthFactory[" + hashes + "]";
    }
}
