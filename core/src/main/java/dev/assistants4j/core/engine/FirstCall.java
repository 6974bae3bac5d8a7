package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first model call of a new run, sent while the run is being stored. Storing the run is a durable commit and the
 * model's first token a network round trip; one after the other they both stood between a streaming client and its
 * first token, so the call starts first and the two overlap.
 *
 * <p>The prompt is built from the thread's messages as read before the run was stored, plus the run's
 * additional_messages. The transaction that stores the run (after which no message can be added to its thread)
 * returns the thread's messages, and the call is used only if they are still exactly those ({@link #builtFrom});
 * otherwise it is dropped and the run loop builds the prompt again. A run refused, or stopped before its first model
 * call, drops the call too: {@link #discard} closes the upstream stream now or as soon as it arrives. Thread-safe.
 */
final class FirstCall {

    private static final ThreadFactory SENDERS =
            Thread.ofVirtual().name("first-call-", 0).factory();

    private final List<String> threadMessageIds;
    private final List<ChatMessage> prompt;
    private final CompletableFuture<ProviderStream> stream = new CompletableFuture<>();
    /** Done once the stream's first event was read (or failed to be): the sending thread reads ahead while it waits. */
    private final CompletableFuture<Void> firstEvent = new CompletableFuture<>();

    private final AtomicBoolean claimed = new AtomicBoolean();

    private FirstCall(List<String> threadMessageIds, List<ChatMessage> prompt) {
        this.threadMessageIds = threadMessageIds;
        this.prompt = prompt;
    }

    /**
     * Starts the first call of {@code run}, or returns empty when the run has to prepare before it (file_search
     * waits for its vector stores), its prompt does not fit max_prompt_tokens (the loop ends it incomplete) or has
     * images its model does not take (the loop fails it).
     *
     * @param routed where the run's model goes
     * @param added the messages the run adds to its thread, stored with it
     */
    static Optional<FirstCall> start(
            EngineContext ctx, String projectId, Run run, ModelRouter.RoutedModel routed, List<Message> added) {
        if (FileSearchTools.of(run).isPresent()) {
            return Optional.empty();
        }
        PromptBuilder prompts = new PromptBuilder(ctx.stores(), ctx.images());
        List<Message> messages = new ArrayList<>(prompts.threadMessages(projectId, run.threadId()));
        messages.addAll(added);
        Optional<List<ChatMessage>> prompt = prompts.build(projectId, run, List.of(), messages);
        if (prompt.isEmpty()
                || Vision.refusal(routed, run.model(), prompt.get()).isPresent()) {
            return Optional.empty();
        }
        ChatRequest request = ModelTurn.request(run, List.of(), routed.upstreamModel(), prompt.get());
        FirstCall call = new FirstCall(messages.stream().map(Message::id).toList(), prompt.get());
        LlmProvider provider = routed.provider();
        SENDERS.newThread(() -> call.send(provider, request)).start();
        return Optional.of(call);
    }

    private void send(LlmProvider provider, ChatRequest request) {
        ProviderStream answer;
        try {
            answer = provider.stream(request);
        } catch (RuntimeException | Error e) {
            stream.completeExceptionally(e);
            return;
        }
        stream.complete(answer);
        try {
            answer.hasNext(); // reads (and keeps) the first event while the run's commit is still on its way
            firstEvent.complete(null);
        } catch (RuntimeException | Error e) {
            firstEvent.completeExceptionally(e);
        }
    }

    /** Whether the prompt was built from exactly the messages {@code currentIds}, the thread's messages now. */
    boolean builtFrom(List<String> currentIds) {
        return threadMessageIds.equals(currentIds);
    }

    List<ChatMessage> prompt() {
        return prompt;
    }

    /**
     * The provider's stream once its first event is in; throws what the provider threw. The stream is attached to
     * {@code cancel} as soon as its response has begun, so a cancel while the model is slow to start closes it. Callable
     * once, and not after {@link #discard}.
     */
    ProviderStream take(CancelSignal cancel) {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("The first call was already taken or discarded.");
        }
        ProviderStream answer = await(stream);
        cancel.attach(answer);
        try {
            await(firstEvent);
            return answer;
        } catch (RuntimeException | Error e) {
            cancel.detach();
            answer.close();
            throw e;
        }
    }

    /** The future's value; what failed it is rethrown as it was thrown. */
    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        } catch (InterruptedException e) {
            closeWhenDone();
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the model provider", 0, false, e);
        }
    }

    /** Drops the call unless it was taken: its stream is closed now, or as soon as the provider answers. */
    void discard() {
        if (claimed.compareAndSet(false, true)) {
            closeWhenDone();
        }
    }

    private void closeWhenDone() {
        stream.whenComplete((open, failure) -> {
            if (open != null) {
                open.close();
            }
        });
    }
}
