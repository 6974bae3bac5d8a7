package dev.assistants4j.server;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two servers the CORS tests call, each keyed with {@link TestServer#MASTER_KEY} and answering with an offline
 * mock model, {@link #MODEL}: {@code anyOrigin} lets every origin in (the default), {@code appOnly} only {@link #APP}.
 * Their data is in {@code any} and {@code app} of the directory they are started in.
 */
record CorsServers(AssistantsServer anyOrigin, AssistantsServer appOnly) implements AutoCloseable {

    static final String APP = "https://app.example.com";
    static final String MODEL = "mock-gpt";

    private static final String CONFIG = """
            model_list:
              - model_name: %s
                litellm_params: {model: mock/any, mock_response: "Hello from the mock"}
            general_settings:
              master_key: %s
            """.formatted(MODEL, TestServer.MASTER_KEY);

    static CorsServers start(Path dir) throws IOException {
        AssistantsServer anyOrigin = YamlServers.start(dir, "any", CONFIG);
        try {
            String appOnly = CONFIG + "  allowed_origins: ['" + APP + "']\n";
            return new CorsServers(anyOrigin, YamlServers.start(dir, "app", appOnly));
        } catch (IOException | RuntimeException e) {
            anyOrigin.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try (anyOrigin) {
            appOnly.close();
        }
    }
}
