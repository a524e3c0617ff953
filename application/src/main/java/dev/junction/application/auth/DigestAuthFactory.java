package dev.junction.application.auth;

import dev.junction.domain.auth.DigestAuth;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.Origin;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code digestAuth} from its definition: the users file's lines (trimmed, blank and {@code #} lines
 * skipped) then the inline users, each {@code user:realm:HA1}. Reads the file, so it runs where configuration is
 * built, never on an IO thread.
 */
public final class DigestAuthFactory {
    private final SecureRandom random = new SecureRandom();

    /** @throws ConfigurationException naming every bad entry, with the middleware's key */
    public DigestAuth create(MiddlewareConfig.DigestAuth config) throws ConfigurationException {
        String prefix = "http.middlewares." + config.name() + ".digestAuth";
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> users = new ArrayList<>();
        if (!config.usersFile().isEmpty()) {
            String key = prefix + ".usersFile";
            List<String> lines = BasicAuthFactory.readLines(config.usersFile(), config.origin(), key, problems);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    add(line, new Origin(config.usersFile(), i + 1), key, users, problems);
                }
            }
        }
        for (int i = 0; i < config.users().size(); i++) {
            add(config.users().get(i), config.origin(), prefix + ".users[" + i + "]", users, problems);
        }
        if (problems.isEmpty() && users.isEmpty()) {
            problems.add(new ConfigProblem(config.origin(), prefix + ".users",
                    "no users defined: users and usersFile are both empty"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        try {
            return new DigestAuth(users, config.realm(), config.headerField(), config.removeHeader(), random);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of(new ConfigProblem(config.origin(), prefix + ".users",
                    e.getMessage())));
        }
    }

    private static void add(String entry, Origin origin, String key, List<String> users,
                            List<ConfigProblem> problems) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].matches("[0-9a-fA-F]{32}")) {
            problems.add(new ConfigProblem(origin, key, "malformed user entry, expected user:realm:HA1 (32 hex digits)"));
            return;
        }
        users.add(entry);
    }
}
