package dev.assistants4j.core.access;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's durations, as {@code duration} (how long a key lives) and {@code budget_duration} (how often spend starts
 * again) write them: a whole number and a unit, {@code s}, {@code m}, {@code h}, {@code d}, {@code w} or {@code mo}
 * ({@code "30s"}, {@code "30m"}, {@code "30h"}, {@code "30d"}, {@code "1mo"}). A month is 30 days here (LiteLLM
 * counts calendar months; the difference is at most a day or two per month). Stateless and thread-safe.
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(s|m|h|d|w|mo)");

    private Durations() {}

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when it is not one LiteLLM would take, or not positive
     */
    public static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as \"30s\", \"30m\", \"30h\","
                    + " \"30d\", \"1w\" or \"1mo\".");
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration.");
        }
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofDays(30 * amount);
        };
    }
}
