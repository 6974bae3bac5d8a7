package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import dev.assistants4j.client.model.ToolResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of create and modify thread (modify takes tool resources and metadata only). */
public record ThreadParams(
        List<MessageParams> messages,
        ToolResources toolResources,
        Map<String, String> metadata,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    public ThreadParams {
        messages = Copies.list(messages);
        metadata = Copies.map(metadata);
        extra = Copies.extra(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ThreadParams}; not thread-safe. */
    public static final class Builder extends ParamsBuilder<Builder> {
        private List<MessageParams> messages;
        private ToolResources toolResources;

        private Builder() {}

        /** Adds a message the thread starts with. */
        public Builder message(MessageParams message) {
            if (messages == null) {
                messages = new ArrayList<>();
            }
            messages.add(message);
            return this;
        }

        /** Replaces the messages the thread starts with. */
        public Builder messages(List<MessageParams> messages) {
            this.messages = new ArrayList<>(messages);
            return this;
        }

        public Builder toolResources(ToolResources toolResources) {
            this.toolResources = toolResources;
            return this;
        }

        public ThreadParams build() {
            return new ThreadParams(messages, toolResources, metadata, extra);
        }
    }
}
