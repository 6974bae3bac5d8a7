package dev.assistants4j.server.routing;

import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployments of each model name: the {@code model_list} entries of that exact name, or else the one route the
 * resolver gives it (a wildcard, a provider prefix). Deployments share one health per entry, whichever name reaches
 * them. Thread-safe.
 */
final class ModelGroups {

    private final ServerConfig config;
    private final ModelResolver resolver;
    private final Map<ModelRoute, DeploymentHealth> health = new ConcurrentHashMap<>();
    private final Map<String, List<Deployment>> named = new ConcurrentHashMap<>();

    ModelGroups(ServerConfig config, ModelResolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    /** How many entries are named exactly {@code name}. */
    int size(String name) {
        return config.deployments(name).size();
    }

    /** The deployments of {@code name}, in file order; empty when the config does not serve it. */
    List<Deployment> group(String name) {
        List<ModelRoute> routes = config.deployments(name);
        if (routes.isEmpty()) {
            return resolver.resolve(name)
                    .map(resolved -> List.of(deployment(resolved.route(), resolved.upstreamModel())))
                    .orElse(List.of());
        }
        return named.computeIfAbsent(name, n -> routes.stream()
                .map(route -> deployment(route, upstreamModel(route, n)))
                .toList());
    }

    private Deployment deployment(ModelRoute route, String upstreamModel) {
        return new Deployment(route, upstreamModel, health.computeIfAbsent(route, r -> new DeploymentHealth()));
    }

    /** As the resolver names an exact entry's upstream: its model ({@code *} takes the name), without the prefix. */
    private static String upstreamModel(ModelRoute route, String name) {
        String upstream = route.model().contains("*") ? name : route.model();
        String prefix = route.provider() + "/";
        return upstream.startsWith(prefix) && upstream.length() > prefix.length()
                ? upstream.substring(prefix.length())
                : upstream;
    }
}
