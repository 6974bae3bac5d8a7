package dev.assistants4j.server.http;

import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.server.routing.UpstreamProxy;
import dev.assistants4j.server.routing.UpstreamProxy.Operation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;

/**
 * Azure OpenAI's data-plane paths {@code POST /openai/deployments/{deployment}/chat/completions} and {@code
 * …/embeddings} (with {@code ?api-version=}, which is ignored), where the official {@code AzureOpenAI} clients send
 * chat and embeddings requests. The deployment routes like a model name, through the same model routing as {@code
 * /v1/chat/completions}; it replaces the body's {@code model}, which Azure clients may leave out. Thread-safe.
 */
public record AzureDeploymentsRoutes(UpstreamProxy upstreams, ModelGate gate) {

    private static final String DEPLOYMENT = "/openai/deployments/{deployment}/";

    public void register(RoutesConfig routes) {
        for (Operation operation : Operation.values()) {
            routes.post(DEPLOYMENT + operation.path(), ctx -> pass(ctx, operation));
        }
    }

    private void pass(Context ctx, Operation operation) throws IOException {
        ChatCompletionsRoutes.pass(ctx, upstreams, gate, operation, Optional.of(ctx.pathParam("deployment")));
    }
}
