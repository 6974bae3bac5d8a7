package dev.assistants4j.server.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How file_search embeds chunks ({@code assistant_settings.file_search} in the config file).
 *
 * @param embeddingModel a {@code model_name} of {@code model_list} whose provider serves {@code /embeddings}; empty
 *     for the local all-MiniLM-L6-v2 model, which needs no key and no network
 * @param embeddingDimensions the length of that model's vectors (required with {@code embeddingModel}, so the index
 *     can be opened without calling the upstream)
 */
public record FileSearchConfig(Optional<String> embeddingModel, OptionalInt embeddingDimensions) {

    /** The local model. */
    public static final FileSearchConfig LOCAL = new FileSearchConfig(Optional.empty(), OptionalInt.empty());

    public FileSearchConfig {
        if (embeddingModel.isPresent() != embeddingDimensions.isPresent()) {
            throw new IllegalArgumentException("embeddingModel and embeddingDimensions go together");
        }
    }
}
