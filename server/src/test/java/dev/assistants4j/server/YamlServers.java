package dev.assistants4j.server;

import dev.assistants4j.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts test servers on a LiteLLM-style YAML config, written to a file as a user would write it. */
public final class YamlServers {

    private YamlServers() {}

    /** Writes {@code yaml} to {@code <dir>/<name>.yaml} and starts a server on it with its data in {@code <dir>/<name>}. */
    public static AssistantsServer start(Path dir, String name, String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml);
        return TestServer.start(dir.resolve(name), ConfigLoader.load(config, Map.of()));
    }
}
