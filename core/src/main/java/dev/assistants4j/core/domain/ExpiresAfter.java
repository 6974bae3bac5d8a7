package dev.assistants4j.core.domain;

import java.util.Objects;

/**
 * A vector store's expiration policy: it expires {@code days} after it was last active.
 *
 * @param anchor always {@code last_active_at}
 * @param days 1..365
 */
public record ExpiresAfter(String anchor, int days) {

    /** The only anchor the API supports. */
    public static final String LAST_ACTIVE_AT = "last_active_at";

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;

    public ExpiresAfter {
        Objects.requireNonNull(anchor, "anchor");
    }

    /** The policy anchored at {@code last_active_at}. */
    public static ExpiresAfter days(int days) {
        return new ExpiresAfter(LAST_ACTIVE_AT, days);
    }
}
