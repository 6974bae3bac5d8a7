package dev.assistants4j.server.http;

import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.server.routing.UpstreamProxy;
import dev.assistants4j.server.routing.UpstreamProxy.Operation;
import java.util.Optional;

/**
 * {@code POST /embeddings}: OpenAI's embeddings, passed through the model routing to the route's upstream by {@link
 * UpstreamProxy}, with the same checks and error relaying as {@link ChatCompletionsRoutes}.
 */
public record EmbeddingsRoutes(UpstreamProxy upstreams, ModelGate gate) {

    public void register(ApiRouter router) {
        router.httpPost(
                "/embeddings",
                ctx -> ChatCompletionsRoutes.pass(ctx, upstreams, gate, Operation.EMBEDDINGS, Optional.empty()));
    }
}
