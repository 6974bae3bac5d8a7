package dev.assistants4j.client.model;

import java.util.List;

/** The text of a message part and its annotations (file citations and paths). */
public record Text(String value, List<Annotation> annotations) {
    public Text {
        value = value == null ? "" : value;
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }
}
