package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.ImageUrlContent;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.RefusalContent;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Builds the chat prompt of a run: its instructions, the thread's earlier messages (under the truncation strategy
 * and max_prompt_tokens), then what the run itself produced so far in step order (messages, tool calls and their
 * outputs). User messages' {@code image_file} parts become {@code image_url} parts with the file's bytes (see {@link
 * PromptImages}), read only for the messages the prompt keeps. Not thread-safe: one per run loop, which it lets reuse
 * the images it read.
 */
final class PromptBuilder {

    /** What an image counts for while the prompt is fitted to max_prompt_tokens, before any file is read. */
    private static final ChatMessage.Part IMAGE_ESTIMATE = new ChatMessage.Part.ImageUrl("", null);

    private final Stores stores;
    private final PromptImages images;

    /** @param images reads the files of image_file parts */
    PromptBuilder(Stores stores, ImageFiles images) {
        this.stores = stores;
        this.images = new PromptImages(images);
    }

    /**
     * The prompt, or empty when it cannot fit max_prompt_tokens even after truncation.
     *
     * @param steps the run's steps so far, oldest first
     */
    Optional<List<ChatMessage>> build(String projectId, Run run, List<RunStep> steps) {
        return build(projectId, run, steps, threadMessages(projectId, run.threadId()));
    }

    /** The thread's messages, oldest first. */
    List<Message> threadMessages(String projectId, String threadId) {
        return all(page -> stores.messages().list(projectId, threadId, Optional.empty(), page), Message::id);
    }

    /** As {@link #build(String, Run, List)}, from the thread's messages as given. */
    Optional<List<ChatMessage>> build(String projectId, Run run, List<RunStep> steps, List<Message> threadMessages) {
        Map<String, Message> byId = new HashMap<>();
        List<Message> history = new ArrayList<>();
        for (Message message : threadMessages) {
            byId.put(message.id(), message);
            if (!run.id().equals(message.runId())) {
                history.add(message);
            }
        }
        if ("last_messages".equals(run.truncationStrategy().type())
                && run.truncationStrategy().lastMessages() != null) {
            int keep = run.truncationStrategy().lastMessages();
            history = history.subList(Math.max(0, history.size() - keep), history.size());
        }
        List<ChatMessage> current = currentRun(steps, byId);
        List<String> codeFiles = CodeInterpreterTools.enabled(run)
                ? CodeInputs.resolve(stores, projectId, run, threadMessages).stream()
                        .map(CodeInputs.Placed::name)
                        .toList()
                : List.of();
        List<ChatMessage> head = system(run, codeFiles)
                .map(ChatMessage.System::new)
                .map(List::<ChatMessage>of)
                .orElse(List.of());
        List<ChatMessage> estimated = history.stream()
                .map(message -> toChat(message, image -> IMAGE_ESTIMATE))
                .toList();
        OptionalInt dropped = fit(head, estimated, current, run.maxPromptTokens());
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        List<ChatMessage> prompt = new ArrayList<>(head);
        for (Message message : history.subList(dropped.getAsInt(), history.size())) {
            prompt.add(toChat(message, image -> images.part(projectId, image)));
        }
        prompt.addAll(current);
        return Optional.of(prompt);
    }

    /**
     * The run's instructions, followed by how to cite file_search results when the run can search files, and by the
     * description of the sandbox and its files ({@code codeFiles}) when it can run code.
     */
    private static Optional<String> system(Run run, List<String> codeFiles) {
        String instructions = run.instructions() == null ? "" : run.instructions();
        if (FileSearchTools.of(run).isPresent()) {
            instructions = append(instructions, FileSearchTools.INSTRUCTIONS);
        }
        if (CodeInterpreterTools.enabled(run)) {
            instructions = append(instructions, CodeInterpreterTools.instructions(codeFiles));
        }
        return instructions.isEmpty() ? Optional.empty() : Optional.of(instructions);
    }

    private static String append(String instructions, String more) {
        return instructions.isEmpty() ? more : instructions + "\n\n" + more;
    }

    /**
     * How many of the oldest {@code history} messages to leave out for the prompt to fit {@code maxTokens} (null: no
     * limit), or empty when it cannot fit even with one history message.
     */
    private static OptionalInt fit(
            List<ChatMessage> head, List<ChatMessage> history, List<ChatMessage> current, Integer maxTokens) {
        if (maxTokens == null) {
            return OptionalInt.of(0);
        }
        long fixed = Tokens.estimate(head) + Tokens.estimate(current);
        long total = fixed + Tokens.estimate(history);
        int dropped = 0;
        while (total > maxTokens) {
            if (history.size() - dropped <= 1) {
                return OptionalInt.empty();
            }
            total -= Tokens.estimate(List.of(history.get(dropped)));
            dropped++;
        }
        return OptionalInt.of(dropped);
    }

    private static List<ChatMessage> currentRun(List<RunStep> steps, Map<String, Message> messages) {
        List<ChatMessage> current = new ArrayList<>();
        for (RunStep step : steps) {
            switch (step.stepDetails()) {
                case StepDetails.MessageCreation creation -> {
                    Message message = messages.get(creation.messageCreation().messageId());
                    if (message != null && !text(message).isEmpty()) {
                        current.add(new ChatMessage.Assistant(text(message), List.of()));
                    }
                }
                case StepDetails.ToolCalls calls -> addToolCalls(current, calls);
            }
        }
        return current;
    }

    private static void addToolCalls(List<ChatMessage> prompt, StepDetails.ToolCalls calls) {
        List<ChatMessage.ToolCall> requested = new ArrayList<>();
        List<ChatMessage> results = new ArrayList<>();
        for (StepToolCall call : calls.toolCalls()) {
            switch (call) {
                case StepToolCall.Function function -> {
                    requested.add(new ChatMessage.ToolCall(
                            function.id(),
                            function.function().name(),
                            function.function().arguments()));
                    String output = function.function().output();
                    results.add(new ChatMessage.ToolResult(function.id(), output == null ? "" : output));
                }
                case StepToolCall.FileSearch search -> {
                    String arguments =
                            search.trace() == null ? "{}" : search.trace().arguments();
                    requested.add(new ChatMessage.ToolCall(search.id(), FileSearchTools.NAME, arguments));
                    results.add(new ChatMessage.ToolResult(
                            search.id(), search.trace() == null ? "" : FileSearchTools.output(search)));
                }
                case StepToolCall.CodeInterpreter code -> {
                    boolean ran = code.trace() != null;
                    String arguments = ran ? code.trace().arguments() : "{}";
                    requested.add(new ChatMessage.ToolCall(code.id(), CodeInterpreterTools.NAME, arguments));
                    results.add(new ChatMessage.ToolResult(
                            code.id(),
                            ran && code.trace().result() != null ? code.trace().result() : ""));
                }
            }
        }
        prompt.add(new ChatMessage.Assistant(null, requested));
        prompt.addAll(results);
    }

    /** The chat message of {@code message}, its image_file parts turned into parts by {@code images}. */
    private static ChatMessage toChat(Message message, Function<ImageFileContent.ImageFile, ChatMessage.Part> images) {
        if (message.role() == MessageRole.ASSISTANT) {
            return new ChatMessage.Assistant(text(message), List.of());
        }
        List<ChatMessage.Part> parts = new ArrayList<>();
        for (MessageContent content : message.content()) {
            switch (content) {
                case TextContent text ->
                    parts.add(new ChatMessage.Part.Text(text.text().value()));
                case ImageUrlContent image ->
                    parts.add(new ChatMessage.Part.ImageUrl(
                            image.imageUrl().url(), image.imageUrl().detail()));
                case ImageFileContent image -> parts.add(images.apply(image.imageFile()));
                case RefusalContent refusal -> {}
            }
        }
        return new ChatMessage.User(parts);
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        for (MessageContent content : message.content()) {
            if (content instanceof TextContent part) {
                text.append(part.text().value());
            }
        }
        return text.toString();
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> lister, Function<T, String> id) {
        List<T> items = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Page<T> page = lister.apply(new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, after, Optional.empty()));
            items.addAll(page.data());
            if (!page.hasMore() || page.data().isEmpty()) {
                return items;
            }
            after = Optional.of(id.apply(page.data().getLast()));
        }
    }
}
