package dev.assistants4j.core;

import java.security.SecureRandom;

/**
 * Object ids in OpenAI's style: a type prefix ({@code asst_}, {@code thread_}, {@code msg_}, …) and 24 random
 * alphanumeric characters (about 143 bits). Thread-safe.
 */
public final class Ids {

    public static final String ASSISTANT = "asst_";
    public static final String THREAD = "thread_";
    public static final String MESSAGE = "msg_";
    public static final String RUN = "run_";
    public static final String STEP = "step_";
    public static final String CALL = "call_";
    public static final String FILE = "file-";
    public static final String VECTOR_STORE = "vs_";
    public static final String FILE_BATCH = "vsfb_";
    public static final String REQUEST = "req_";

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** A new random id with the given prefix. */
    public static String next(String prefix) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + new String(chars);
    }
}
