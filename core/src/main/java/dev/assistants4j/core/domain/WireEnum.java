package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An enum of the API whose wire name is its constant's name in lower case, for example {@code in_progress}. */
public interface WireEnum {

    /** The constant's name, as every enum has it. */
    String name();

    /** The name on the wire (JSON, and the messages that quote it). */
    @JsonValue
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
