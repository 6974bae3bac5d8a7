package dev.assistants4j.server.engine;

import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.engine.RunCreateRequest;
import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.service.MessageCreateRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Requests and event reading for tests that drive {@link RunService} in process, without HTTP. */
final class InProcessRuns {

    private InProcessRuns() {}

    /** A run of {@code assistantId} with the assistant's settings, adding {@code additionalMessages} first. */
    static RunCreateRequest request(String assistantId, List<MessageCreateRequest> additionalMessages) {
        return new RunCreateRequest(
                assistantId,
                null,
                null,
                null,
                additionalMessages,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static MessageCreateRequest user(String text) {
        return new MessageCreateRequest(MessageRole.USER, List.of(TextContent.of(text)), null, null);
    }

    /** Follows the run's events to the one that closes the stream, and returns its name. */
    static String finalEvent(RunService.StartedRun started, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            Optional<RunEvent> event = started.events().next(Duration.ofSeconds(1));
            if (event.isPresent() && event.get().closesStream()) {
                return event.get().event();
            }
        }
        throw new AssertionError("the run did not stop within " + deadline);
    }
}
