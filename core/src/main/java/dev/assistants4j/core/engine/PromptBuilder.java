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
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the chat prompt of a run: its instructions, the thread's earlier messages (under the truncation strategy
 * and max_prompt_tokens), then what the run itself produced so far in step order (messages, tool calls and their
 * outputs).
 */
final class PromptBuilder {

    private final Stores stores;

    PromptBuilder(Stores stores) {
        this.stores = stores;
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
        List<ChatMessage> history = new ArrayList<>();
        for (Message message : threadMessages) {
            byId.put(message.id(), message);
            if (!run.id().equals(message.runId())) {
                history.add(toChat(message));
            }
        }
        if ("last_messages".equals(run.truncationStrategy().type())
                && run.truncationStrategy().lastMessages() != null) {
            int keep = run.truncationStrategy().lastMessages();
            history = new ArrayList<>(history.subList(Math.max(0, history.size() - keep), history.size()));
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
        return fit(head, history, current, run.maxPromptTokens());
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

    private static Optional<List<ChatMessage>> fit(
            List<ChatMessage> head, List<ChatMessage> history, List<ChatMessage> current, Integer maxTokens) {
        List<ChatMessage> kept = new ArrayList<>(history);
        while (true) {
            List<ChatMessage> prompt = new ArrayList<>(head);
            prompt.addAll(kept);
            prompt.addAll(current);
            if (maxTokens == null || Tokens.estimate(prompt) <= maxTokens) {
                return Optional.of(prompt);
            }
            if (kept.size() <= 1) {
                return Optional.empty();
            }
            kept.removeFirst();
        }
    }

    private static List<ChatMessage> currentRun(List<RunStep> steps, Map<String, Message> messages) {
        List<ChatMessage> current = new ArrayList<>();
        for (RunStep step : steps) {
            switch (step.stepDetails()) {
                case StepDetails.MessageCreation creation -> {
                    Message message = messages.get(creation.messageCreation().messageId());
                    if (message != null && !text(message).isEmpty()) {
                        current.add(toChat(message));
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

    private static ChatMessage toChat(Message message) {
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
                case ImageFileContent image ->
                    parts.add(new ChatMessage.Part.Text(
                            "[image file " + image.imageFile().fileId() + "]"));
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
