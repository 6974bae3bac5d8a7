package dev.assistants4j.core.access;

import dev.assistants4j.core.error.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Finds the {@link Caller} an API key stands for. Implementations are thread-safe, answer from memory on the request
 * path, and see a key that was blocked, expired or deleted on any node within a second.
 */
public interface Callers {

    /**
     * The caller presenting {@code apiKey}.
     *
     * @throws AuthenticationException when it is not a key that works now (unknown, expired, blocked or deleted)
     */
    Caller authenticate(String apiKey);

    /**
     * The caller presenting {@code apiKey} with OpenAI's {@code OpenAI-Project} header ({@code project}): the master
     * key acts in the project it names (a team's id); other keys act in their own. By default the header is ignored.
     *
     * @throws AuthenticationException as {@link #authenticate(String)}, or when the master key names no project
     */
    default Caller authenticate(String apiKey, Optional<String> project) {
        return authenticate(apiKey);
    }

    /** The caller of the stored key {@code keyId} (a run's, continued later), or empty once the key is gone. */
    Optional<Caller> byKeyId(String keyId);

    /** Only the master key, whose callers act in the default project; with no master key every request is let in. */
    static Callers masterKeyOnly(Optional<String> masterKey) {
        return new Callers() {
            @Override
            public Caller authenticate(String apiKey) {
                if (masterKey.isPresent() && !constantTimeEquals(apiKey, masterKey.get())) {
                    throw incorrectKey(apiKey);
                }
                return Caller.master(Caller.DEFAULT_PROJECT);
            }

            @Override
            public Optional<Caller> byKeyId(String keyId) {
                return Optional.empty();
            }
        };
    }

    /** OpenAI's answer to a key it does not know. */
    static AuthenticationException incorrectKey(String apiKey) {
        return new AuthenticationException("Incorrect API key provided: " + mask(apiKey) + ".", "invalid_api_key");
    }

    /** Compares without leaking, through timing, how much of a key was right. */
    static boolean constantTimeEquals(String presented, String expected) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Shows only the ends of a key, as OpenAI does: {@code sk-a***wxyz}. */
    static String mask(String key) {
        if (key.length() < 10) {
            return "****";
        }
        return key.substring(0, 4) + "*".repeat(Math.min(20, key.length() - 8)) + key.substring(key.length() - 4);
    }
}
