package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Annotation;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.Text;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.domain.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The message side of one model call: the assistant's message and its message_creation step, started on the first
 * text, with text deltas as they come, the citations of earlier file_search results, the images and file paths of
 * earlier code_interpreter calls, and the message's final state. Text that may be a citation marker is held back
 * until the marker closes, so that a marker and its annotation arrive in one delta. Not thread-safe; one per model
 * call, on the run's thread.
 */
final class MessageRecorder {

    private final TurnWriter out;
    private final Citations citations;
    private final CodeResults codeResults;
    private final StringBuilder text = new StringBuilder();
    private final List<Annotation> annotations = new ArrayList<>();
    private final MarkerBuffer markers = new MarkerBuffer();
    private List<String> images = List.of();
    private RunStep step;
    private Message message;
    private boolean stored;

    /**
     * @param citations the results of the run's earlier file_search calls, which the text may cite
     * @param codeResults the images and files of the run's earlier code_interpreter calls, which the message shows
     */
    MessageRecorder(TurnWriter out, Citations citations, CodeResults codeResults) {
        this.out = out;
        this.citations = citations;
        this.codeResults = codeResults;
    }

    /** True once the message was started (and announced). */
    boolean started() {
        return message != null;
    }

    /** Adds a non-empty fragment of the model's text, starting the message on the first. */
    void text(String fragment) {
        start();
        String ready = citations.isEmpty() ? fragment : markers.accept(fragment);
        if (!ready.isEmpty()) {
            emitText(ready);
        }
        storeOnce();
    }

    /** Starts the message and its step, announcing both, unless started already. */
    void start() {
        if (message != null) {
            return;
        }
        long now = out.now();
        message = Message.inProgress(Ids.next(Ids.MESSAGE), now, out.run());
        step = out.newStep(now, StepDetails.MessageCreation.of(message.id()));
        out.publish(new RunEvent.StepCreated(step));
        out.publish(new RunEvent.StepStatusChanged(step));
        out.publish(new RunEvent.MessageCreated(message));
        out.publish(new RunEvent.MessageStatusChanged(message));
        images = codeResults.pendingImages();
        if (!images.isEmpty()) {
            out.publish(MessageDelta.images(message.id(), images));
        }
    }

    /**
     * Ends the message, if still in progress, as the model's answer: completed, or incomplete when the answer was cut
     * off at the token limit; its step completes with {@code usage}.
     */
    void finish(Usage usage, boolean cutOff) {
        if (inProgress()) {
            end(cutOff ? MessageStatus.INCOMPLETE : MessageStatus.COMPLETED, cutOff ? "max_tokens" : null);
            out.endStep(step, RunStepStatus.COMPLETED, null, usage);
        }
    }

    /** Ends the message, if still in progress, because the run stopped: incomplete, its step cancelled or failed. */
    void abort(RunStepStatus stepStatus, LastError error) {
        if (inProgress()) {
            end(MessageStatus.INCOMPLETE, stepStatus == RunStepStatus.CANCELLED ? "run_cancelled" : "run_failed");
            out.endStep(step, stepStatus, error, null);
        }
    }

    /** A rough count of the tokens of the text, for providers that report no usage. */
    long estimatedTokens() {
        return Tokens.estimate(text.toString());
    }

    private boolean inProgress() {
        return message != null && message.status() == MessageStatus.IN_PROGRESS;
    }

    /** Sends text that holds only whole markers, with the citations among them. */
    private void emitText(String ready) {
        List<FileCitationAnnotation> found =
                ready.indexOf('【') < 0 ? List.of() : citations.find(ready, text.codePointCount(0, text.length()));
        int first = annotations.size();
        text.append(ready);
        annotations.addAll(found);
        out.publish(MessageDelta.text(message.id(), images.size(), ready, first, found));
    }

    /**
     * Stores the new message and its step after their first delta went out, so the two commits do not delay the
     * first token; readers of the API see them a moment after streaming clients do.
     */
    private void storeOnce() {
        if (!stored) {
            stored = true;
            out.insert(message);
            out.insert(step);
        }
    }

    /** Sends what is held back and the file paths, then stores and announces the message in its final state. */
    private void end(MessageStatus status, String incompleteReason) {
        String held = markers.flush();
        if (!held.isEmpty()) {
            emitText(held);
        }
        List<FilePathAnnotation> paths = codeResults.filePaths(text.toString());
        if (!paths.isEmpty()) {
            out.publish(MessageDelta.text(message.id(), images.size(), "", annotations.size(), paths));
            annotations.addAll(paths);
        }
        storeOnce();
        long now = out.now();
        List<MessageContent> content = new ArrayList<>();
        images.forEach(id -> content.add(new ImageFileContent(new ImageFileContent.ImageFile(id, null))));
        content.add(new TextContent(new Text(text.toString(), annotations)));
        Message written = message.withContent(content);
        message =
                status == MessageStatus.COMPLETED ? written.completed(now) : written.incomplete(incompleteReason, now);
        out.update(message);
        out.publish(new RunEvent.MessageStatusChanged(message));
    }
}
