package dev.assistants4j.server;

import dev.assistants4j.client.EmbeddedSettings;
import dev.assistants4j.client.EmbeddedTransportFactory;
import dev.assistants4j.client.Transport;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import java.nio.file.Path;

/**
 * The client's in-process transport: an {@link Engine} started from the settings' config and data dir, its API served
 * by {@link dev.assistants4j.server.http.InProcessApi} without an HTTP server. Found by the client through
 * {@link java.util.ServiceLoader} ({@code META-INF/services}); closing the transport stops the engine.
 */
public final class EmbeddedAssistants implements EmbeddedTransportFactory {

    @Override
    public Transport open(EmbeddedSettings settings) {
        Path dataDir = settings.dataDir();
        return AssistantsServer.builder()
                .options(new ServerOptions("127.0.0.1", 0, dataDir, ServerOptions.DEFAULT_MAX_REQUEST_BYTES))
                .config(config(settings))
                .startEngine()
                .inProcess();
    }

    /** The config file's, else the config text's, else the defaults (every model to OpenAI's URL). */
    static ServerConfig config(EmbeddedSettings settings) {
        if (settings.configFile().isPresent()) {
            return ConfigLoader.load(settings.configFile().get(), settings.environment());
        }
        return settings.configYaml()
                .map(yaml -> ConfigLoader.parse(yaml, "the embedded config", settings.environment()))
                .orElseGet(() -> ConfigLoader.defaults(settings.environment()));
    }
}
