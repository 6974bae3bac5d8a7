package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.provider.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a prompt with images for a model routed as taking none ({@code model_info.supports_vision: false}): the run
 * fails with {@code invalid_prompt} before the model is called, rather than the images being dropped silently.
 * Stateless.
 */
final class Vision {

    private Vision() {}

    /**
     * The error of sending {@code prompt} to {@code routed}, the route of the model the client named {@code model}, or
     * empty when the model takes the prompt's images (or it has none).
     */
    static Optional<LastError> refusal(ModelRouter.RoutedModel routed, String model, List<ChatMessage> prompt) {
        if (routed.supportsVision() || !hasImages(prompt)) {
            return Optional.empty();
        }
        return Optional.of(new LastError(
                "invalid_prompt",
                "The model '" + model + "' does not accept images, and the prompt has one: use a model with vision,"
                        + " or leave the image out of the thread's messages."));
    }

    static boolean hasImages(List<ChatMessage> prompt) {
        return prompt.stream()
                .filter(ChatMessage.User.class::isInstance)
                .flatMap(message -> ((ChatMessage.User) message).content().stream())
                .anyMatch(ChatMessage.Part.ImageUrl.class::isInstance);
    }
}
