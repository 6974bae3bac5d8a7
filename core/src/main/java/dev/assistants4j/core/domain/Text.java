package dev.assistants4j.core.domain;

import java.util.List;
import java.util.Objects;

/** Text with the annotations (citations, file paths) that point into it. */
public record Text(String value, List<Annotation> annotations) {
    public Text {
        Objects.requireNonNull(value, "value");
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }
}
