package dev.assistants4j.core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Virtual keys as LiteLLM makes them: {@code sk-} and random characters, shown once; stored only as their SHA-256
 * (hex), which is LiteLLM's {@code token}; shown afterwards only as {@code sk-...abcd} (LiteLLM's {@code key_name}).
 * Thread-safe.
 */
public final class ApiKeys {

    /** Random base62 characters after {@code sk-}: 43 of them carry 256 bits. */
    static final int RANDOM_CHARS = 43;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key: {@code sk-} and 43 random base62 characters from {@link SecureRandom}. */
    public static String generate() {
        char[] chars = new char[RANDOM_CHARS];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return "sk-" + new String(chars);
    }

    /** The key's SHA-256 in lower-case hex: what is stored, and what LiteLLM calls the key's {@code token}. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The stored form of a key named in an admin request: LiteLLM takes the key itself ({@code sk-…}) or its token
     * (the hash).
     */
    public static String tokenOf(String keyOrToken) {
        return keyOrToken.startsWith("sk-") ? hash(keyOrToken) : keyOrToken;
    }

    /** How the key is shown once it is stored: {@code sk-...} and its last four characters. */
    public static String keyName(String key) {
        return "sk-..." + key.substring(Math.max(0, key.length() - 4));
    }
}
