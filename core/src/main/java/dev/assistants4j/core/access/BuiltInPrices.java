package dev.assistants4j.core.access;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Public list prices of common models (US dollars per million tokens, standard tier, short prompts), used when the
 * config's {@code model_info} gives none. A name matches an entry equal to it or starting with it and a dash (dated
 * versions such as {@code gpt-4o-2024-08-06}), the longest entry first; a provider prefix ({@code openai/}) is
 * ignored. A model not listed costs nothing: give it {@code input_cost_per_token} and {@code output_cost_per_token}.
 */
final class BuiltInPrices {

    private static final Map<String, Price> PRICES = Map.ofEntries(
            Map.entry("gpt-4o", Price.perMillion(2.50, 10.00)),
            Map.entry("gpt-4o-mini", Price.perMillion(0.15, 0.60)),
            Map.entry("gpt-4.1", Price.perMillion(2.00, 8.00)),
            Map.entry("gpt-4.1-mini", Price.perMillion(0.40, 1.60)),
            Map.entry("gpt-4.1-nano", Price.perMillion(0.10, 0.40)),
            Map.entry("gpt-4-turbo", Price.perMillion(10.00, 30.00)),
            Map.entry("gpt-4", Price.perMillion(30.00, 60.00)),
            Map.entry("gpt-3.5-turbo", Price.perMillion(0.50, 1.50)),
            Map.entry("gpt-5", Price.perMillion(1.25, 10.00)),
            Map.entry("gpt-5-mini", Price.perMillion(0.25, 2.00)),
            Map.entry("gpt-5-nano", Price.perMillion(0.05, 0.40)),
            Map.entry("o1", Price.perMillion(15.00, 60.00)),
            Map.entry("o1-mini", Price.perMillion(1.10, 4.40)),
            Map.entry("o3", Price.perMillion(2.00, 8.00)),
            Map.entry("o3-mini", Price.perMillion(1.10, 4.40)),
            Map.entry("o4-mini", Price.perMillion(1.10, 4.40)),
            Map.entry("text-embedding-3-small", Price.perMillion(0.02, 0)),
            Map.entry("text-embedding-3-large", Price.perMillion(0.13, 0)),
            Map.entry("text-embedding-ada-002", Price.perMillion(0.10, 0)),
            Map.entry("claude-3-5-sonnet", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-3.5-sonnet", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-3-7-sonnet", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-3.7-sonnet", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-sonnet-4", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-4-sonnet", Price.perMillion(3.00, 15.00)),
            Map.entry("claude-3-5-haiku", Price.perMillion(0.80, 4.00)),
            Map.entry("claude-3.5-haiku", Price.perMillion(0.80, 4.00)),
            Map.entry("claude-3-haiku", Price.perMillion(0.25, 1.25)),
            Map.entry("claude-haiku-4-5", Price.perMillion(1.00, 5.00)),
            Map.entry("claude-opus-4", Price.perMillion(15.00, 75.00)),
            Map.entry("gemini-1.5-pro", Price.perMillion(1.25, 5.00)),
            Map.entry("gemini-1.5-flash", Price.perMillion(0.075, 0.30)),
            Map.entry("gemini-2.0-flash", Price.perMillion(0.10, 0.40)),
            Map.entry("gemini-2.0-flash-lite", Price.perMillion(0.075, 0.30)),
            Map.entry("gemini-2.5-pro", Price.perMillion(1.25, 10.00)),
            Map.entry("gemini-2.5-flash", Price.perMillion(0.30, 2.50)));

    /** The entries, longest name first, so that {@code gpt-4o-mini} wins over {@code gpt-4o}. */
    private static final List<String> NAMES = PRICES.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    private BuiltInPrices() {}

    static Optional<Price> find(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String known : NAMES) {
            if (name.equals(known) || name.startsWith(known + "-")) {
                return Optional.of(PRICES.get(known));
            }
        }
        return Optional.empty();
    }
}
