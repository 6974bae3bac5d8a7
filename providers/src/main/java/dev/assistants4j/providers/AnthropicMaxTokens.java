package dev.assistants4j.providers;

import java.util.List;
import java.util.Locale;

/**
 * The {@code max_tokens} sent to Anthropic when a request sets no limit (Anthropic requires one): the model's own
 * output maximum as Anthropic documents it, by model name.
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>model name contains</th><th>max_tokens</th></tr>
 *   <tr><td>{@code opus-4} or {@code 4-opus} (Claude Opus 4, 4.1)</td><td>32000</td></tr>
 *   <tr><td>{@code sonnet-4}, {@code 4-sonnet}, {@code haiku-4}, {@code 4-5}, {@code 3-7} (Claude 3.7 and the
 *       other Claude 4 models)</td><td>64000</td></tr>
 *   <tr><td>{@code 3-5} (Claude 3.5)</td><td>8192</td></tr>
 *   <tr><td>anything else (Claude 3, unknown names)</td><td>4096, which every Claude model takes</td></tr>
 * </table>
 *
 * Stateless.
 */
final class AnthropicMaxTokens {

    /** What every Claude model accepts. */
    static final int FALLBACK = 4096;

    private static final List<Rule> RULES = List.of(
            new Rule(List.of("opus-4", "4-opus"), 32_000),
            new Rule(List.of("sonnet-4", "4-sonnet", "haiku-4", "4-haiku", "4-5", "3-7"), 64_000),
            new Rule(List.of("3-5"), 8_192));

    private AnthropicMaxTokens() {}

    static int defaultFor(String model) {
        String name = model.toLowerCase(Locale.ROOT).replace('.', '-');
        for (Rule rule : RULES) {
            if (rule.fragments().stream().anyMatch(name::contains)) {
                return rule.maxTokens();
            }
        }
        return FALLBACK;
    }

    private record Rule(List<String> fragments, int maxTokens) {}
}
