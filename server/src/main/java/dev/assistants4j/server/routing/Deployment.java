package dev.assistants4j.server.routing;

import dev.assistants4j.server.config.ModelRoute;

/**
 * One deployment of a model name: its {@code model_list} entry, the upstream model name it is sent, and its health.
 * Equal deployments (identical entries) share their health.
 */
record Deployment(ModelRoute route, String upstreamModel, DeploymentHealth health) {

    /** The entry without its key, for logs. */
    String shown() {
        return route.provider() + "/" + upstreamModel
                + route.apiBase().map(base -> " @ " + base).orElse("");
    }
}
