package dev.assistants4j.server.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the model name a client sends ({@code gpt-4o}, {@code openai/gpt-4o}, {@code my-azure-deployment}) to a
 * {@link ModelRoute} and the name its upstream is sent, as LiteLLM's router does. In order:
 *
 * <ol>
 *   <li>a {@code model_name} equal to the name;
 *   <li>an entry whose {@code litellm_params.model} equals the name ({@code openai/gpt-4o} finds the entry that
 *       serves {@code openai/gpt-4o} under another public name);
 *   <li>the wildcard entries ({@code "*"}, {@code "azure/*"}, {@code "gpt-4*"}), most literal characters first:
 *       each {@code *} of {@code litellm_params.model} takes what the {@code *}s of {@code model_name} matched;
 *   <li>with no {@code model_list} at all, the fallback route, which takes every name.
 * </ol>
 *
 * A LiteLLM provider prefix is routing, never part of the upstream name: a resolved name that starts with its route's
 * provider ({@code openai/…} on an openai route) loses it, and a wildcard does not take a name that names another
 * provider ({@code "*"} with {@code openai/*} does not take {@code azure/x}, unless the pattern itself starts with
 * {@code azure/}). The fallback passes names with other prefixes through unchanged, so that OpenRouter-style names
 * ({@code anthropic/claude-…}) still reach an OpenAI-compatible upstream. Immutable, thread-safe.
 */
public final class ModelResolver {

    private final List<ModelRoute> exact;
    private final List<Wildcard> wildcards;
    private final Optional<ModelRoute> fallback;

    /** Built once per config (see {@link ServerConfig#resolver()}); resolving is then allocation-light. */
    ModelResolver(List<ModelRoute> models, Optional<ModelRoute> fallback) {
        List<ModelRoute> plain = new ArrayList<>();
        List<Wildcard> patterns = new ArrayList<>();
        for (ModelRoute route : models) {
            if (route.isWildcard()) {
                patterns.add(Wildcard.of(route));
            } else {
                plain.add(route);
            }
        }
        patterns.sort(Comparator.comparingInt(Wildcard::literalLength).reversed()); // stable: file order on ties
        this.exact = List.copyOf(plain);
        this.wildcards = List.copyOf(patterns);
        this.fallback = models.isEmpty() ? fallback : Optional.empty();
    }

    /** The route and upstream name of {@code requested}, or empty when the config does not serve it. */
    public Optional<ResolvedModel> resolve(String requested) {
        for (ModelRoute route : exact) {
            if (route.modelName().equals(requested)) {
                return Optional.of(resolved(route, route.model(), requested));
            }
        }
        for (ModelRoute route : exact) {
            if ((route.provider() + "/" + route.model()).equals(requested)) {
                return Optional.of(new ResolvedModel(route, route.model()));
            }
        }
        Optional<String> prefix = providerPrefix(requested);
        for (Wildcard wildcard : wildcards) {
            Optional<ResolvedModel> match = wildcard.match(requested, prefix);
            if (match.isPresent()) {
                return match;
            }
        }
        return fallback.map(route -> new ResolvedModel(route, withoutPrefix(requested, route.provider())));
    }

    /** The LiteLLM provider a name starts with ({@code azure} in {@code azure/my-deployment}), if any. */
    static Optional<String> providerPrefix(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String prefix = name.substring(0, slash);
        return ConfigLoader.PROVIDERS.contains(prefix) ? Optional.of(prefix) : Optional.empty();
    }

    /** A route's upstream name for {@code requested}: its model, or the requested name where the model is "*". */
    private static ResolvedModel resolved(ModelRoute route, String template, String requested) {
        String upstream = template.contains("*") ? requested : template;
        return new ResolvedModel(route, withoutPrefix(upstream, route.provider()));
    }

    private static String withoutPrefix(String name, String provider) {
        String prefix = provider + "/";
        return name.startsWith(prefix) && name.length() > prefix.length() ? name.substring(prefix.length()) : name;
    }

    /** A {@code model_name} with {@code *}s, as a regular expression with one group per {@code *}. */
    private record Wildcard(ModelRoute route, Pattern pattern, int literalLength) {

        static Wildcard of(ModelRoute route) {
            String name = route.modelName();
            StringBuilder regex = new StringBuilder();
            int start = 0;
            for (int star = name.indexOf('*'); star >= 0; star = name.indexOf('*', start)) {
                regex.append(Pattern.quote(name.substring(start, star))).append("(.*)");
                start = star + 1;
            }
            regex.append(Pattern.quote(name.substring(start)));
            int literal = name.replace("*", "").length();
            return new Wildcard(route, Pattern.compile(regex.toString(), Pattern.DOTALL), literal);
        }

        Optional<ResolvedModel> match(String requested, Optional<String> prefix) {
            Matcher matcher = pattern.matcher(requested);
            if (!matcher.matches() || namesAnotherProvider(prefix)) {
                return Optional.empty();
            }
            String template = route.model();
            if (!template.contains("*")) {
                return Optional.of(new ResolvedModel(route, template));
            }
            String upstream = stars(template) == matcher.groupCount() && matcher.groupCount() > 1
                    ? substitute(template, matcher)
                    : template.replace("*", matcher.groupCount() == 1 ? matcher.group(1) : requested);
            return Optional.of(new ResolvedModel(route, withoutPrefix(upstream, route.provider())));
        }

        /** True when the name's provider prefix is not this route's and the pattern does not spell it out. */
        private boolean namesAnotherProvider(Optional<String> prefix) {
            return prefix.isPresent()
                    && !prefix.get().equals(route.provider())
                    && !route.modelName().startsWith(prefix.get() + "/");
        }

        private static String substitute(String template, Matcher matcher) {
            StringBuilder result = new StringBuilder();
            int group = 1;
            for (char c : template.toCharArray()) {
                if (c == '*') {
                    result.append(matcher.group(group++));
                } else {
                    result.append(c);
                }
            }
            return result.toString();
        }

        private static int stars(String text) {
            return (int) text.chars().filter(c -> c == '*').count();
        }
    }
}
