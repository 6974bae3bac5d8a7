package dev.assistants4j.server.engine;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.engine.RunAccess;
import dev.assistants4j.core.engine.RunCreateRequest;
import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.AssistantService;
import dev.assistants4j.core.service.FileReferences;
import dev.assistants4j.core.service.FileSearchAttachments;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.MessageCreateRequest;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.ModelCatalog;
import dev.assistants4j.core.service.ThreadService;
import dev.assistants4j.core.service.ToolResourcesResolver;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.store.LocalBlobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Services, requests and event reading for tests that drive {@link RunService} in process, without HTTP. */
final class InProcessRuns {

    private InProcessRuns() {}

    /** A thread service on {@code stores} that checks no files and no vector stores. */
    static ThreadService threads(Stores stores) {
        return new ThreadService(
                stores.threads(),
                Clock.systemUTC(),
                ToolResourcesResolver.AS_GIVEN,
                FileReferences.UNCHECKED,
                FileSearchAttachments.NONE,
                ThreadService.DeletionHook.NONE);
    }

    /** A message service on {@code stores} that checks no files. */
    static MessageService messages(Stores stores) {
        return new MessageService(
                stores.threads(),
                stores.messages(),
                Clock.systemUTC(),
                FileReferences.UNCHECKED,
                FileSearchAttachments.NONE);
    }

    /** An assistant service on {@code stores} that takes any model and checks no files or vector stores. */
    static AssistantService assistants(Stores stores) {
        return new AssistantService(
                stores.assistants(),
                ModelCatalog.any(),
                Clock.systemUTC(),
                ToolResourcesResolver.AS_GIVEN,
                FileReferences.UNCHECKED);
    }

    /**
     * A run service on {@code stores} with the {@link EngineTestSupport#FAST} timings, routing by {@code router}, without
     * file_search or code_interpreter; file bytes go under {@code filesDir}.
     */
    static RunService runs(Stores stores, ModelRouter router, Path filesDir) {
        FileService files = new FileService(
                stores.files(), new LocalBlobStore(filesDir), Clock.systemUTC(), FileService.DeletionHook.NONE);
        return new RunService(
                stores,
                threads(stores),
                files,
                router,
                FileSearch.NONE,
                CodeInterpreterSource.NONE,
                Clock.systemUTC(),
                EngineTestSupport.FAST,
                RunAccess.OPEN);
    }

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
