package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Annotation;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * {@code thread.message.delta}: content added to a message being written. Its wire form is given by
 * {@link RunEventWire}.
 *
 * @param content the parts added to, each at its index among the message's content parts
 */
public record MessageDelta(String messageId, List<Part> content) implements RunEvent {

    public MessageDelta {
        Objects.requireNonNull(messageId, "messageId");
        content = List.copyOf(content);
    }

    /**
     * Text appended to a text part, with the annotations (file citations, file paths) that the whole text so far
     * completes; each annotation is numbered among the part's annotations from {@code firstAnnotation} on (the SDKs'
     * stream accumulators merge by that number).
     */
    static MessageDelta text(
            String messageId, int index, String value, int firstAnnotation, List<? extends Annotation> annotations) {
        return new MessageDelta(
                messageId, List.of(new TextPart(index, value, firstAnnotation, List.copyOf(annotations))));
    }

    /** The images a message starts with: {@code image_file} parts at indexes 0… . */
    static MessageDelta images(String messageId, List<String> fileIds) {
        return new MessageDelta(
                messageId,
                IntStream.range(0, fileIds.size())
                        .<Part>mapToObj(i -> new ImagePart(i, fileIds.get(i)))
                        .toList());
    }

    /** A part of a message's content that a delta adds to. */
    public sealed interface Part permits TextPart, ImagePart {
        /** The part's index among the message's content parts. */
        int index();
    }

    /** {@code {"index","type":"text","text":{"value","annotations"}}}. */
    public record TextPart(int index, String value, int firstAnnotation, List<Annotation> annotations) implements Part {
        public TextPart {
            Objects.requireNonNull(value, "value");
            annotations = List.copyOf(annotations);
        }
    }

    /** {@code {"index","type":"image_file","image_file":{"file_id"}}}. */
    public record ImagePart(int index, String fileId) implements Part {
        public ImagePart {
            Objects.requireNonNull(fileId, "fileId");
        }
    }
}
