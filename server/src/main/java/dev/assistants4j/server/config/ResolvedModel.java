package dev.assistants4j.server.config;

import java.util.Objects;

/**
 * A requested model name resolved through the config: the route it takes and the name its upstream is sent.
 *
 * @param upstreamModel the upstream model, or for Azure the deployment, without any provider prefix
 */
public record ResolvedModel(ModelRoute route, String upstreamModel) {

    public ResolvedModel {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
    }
}
