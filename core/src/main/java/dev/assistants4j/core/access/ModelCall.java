package dev.assistants4j.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * One call of a model, as the spend log names it.
 *
 * @param model the model name the client asked for (the name the {@code models} allow-list and prices go by)
 * @param callType LiteLLM's {@code call_type}: {@code acompletion} or {@code aembedding}
 * @param requestId the id the spend log row gets ({@code request_id})
 * @param runId the run the call is part of, if any
 * @param user the end user the client named ({@code user} of the request), if any
 */
public record ModelCall(
        String model, String callType, String requestId, Optional<String> runId, Optional<String> user) {

    /** LiteLLM's call type of a chat completion. */
    public static final String COMPLETION = "acompletion";

    /** LiteLLM's call type of an embedding. */
    public static final String EMBEDDING = "aembedding";

    public ModelCall {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(callType, "callType");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(user, "user");
    }
}
