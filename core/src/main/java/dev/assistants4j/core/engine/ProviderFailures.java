package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.provider.ProviderException;

/**
 * The {@code last_error} of a run whose model call failed for good: {@code rate_limit_exceeded} for a 429; {@code
 * invalid_prompt} when the upstream refused the request itself (HTTP 400, or an {@code invalid_request_error} in the
 * stream), which retrying cannot fix and only the client can (a prompt too long for the model, an image it cannot
 * read, a parameter it does not take); {@code server_error} for the rest (the deployment's key, model or upstream).
 * Stateless.
 */
final class ProviderFailures {

    private ProviderFailures() {}

    /** The run's last_error after {@code failure}, for the model the client named {@code model}. */
    static LastError lastError(ProviderException failure, String model) {
        if (failure.rateLimited()) {
            return new LastError("rate_limit_exceeded", failure.getMessage());
        }
        if (!refusedRequest(failure)) {
            return new LastError("server_error", failure.getMessage());
        }
        if (failure.contextWindowExceeded()) {
            return new LastError(
                    "invalid_prompt",
                    "The prompt is too long for the model '" + model + "' (" + failure.getMessage() + "). Send fewer"
                            + " of the thread's messages: set truncation_strategy {\"type\":\"last_messages\"} or"
                            + " max_prompt_tokens on the run.");
        }
        return new LastError(
                "invalid_prompt", "The model '" + model + "' refused the request: " + failure.getMessage());
    }

    /** Whether the upstream refused the request as invalid, rather than failing to answer it. */
    private static boolean refusedRequest(ProviderException failure) {
        return failure.status() == 400
                || (failure.status() == 0
                        && !failure.retriable()
                        && failure.type()
                                .filter("invalid_request_error"::equals)
                                .isPresent());
    }
}
