package dev.assistants4j.client.model;

import java.util.List;

/** Text appended to a message's text part, with the annotations that came with it. */
public record TextDelta(String value, List<Annotation> annotations) {
    public TextDelta {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }
}
