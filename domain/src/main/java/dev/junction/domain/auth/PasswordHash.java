package dev.junction.domain.auth;

/**
 * One user's stored password, parsed once from its encoded form. Verifying may be CPU heavy (bcrypt), so callers
 * on the request path run it away from the IO thread.
 */
@FunctionalInterface
public interface PasswordHash {

    /**
     * Whether {@code password} is the one this hash was made from. Takes the same time whatever the answer, and
     * never throws for any password.
     */
    boolean matches(String password);
}
