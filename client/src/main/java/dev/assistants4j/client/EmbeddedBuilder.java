package dev.assistants4j.client;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Configures an {@link Assistants4j} in-process: the engine's config (a file or its text), its data dir and the
 * environment its config reads (the process's by default). {@link #build()} finds the {@link EmbeddedTransportFactory}
 * that {@code assistants4j-server} provides. Not thread-safe; the client it builds is.
 */
public final class EmbeddedBuilder {

    /** The artifact that provides the in-process engine. */
    static final String SERVER_ARTIFACT = "dev.assistants4j:assistants4j-server";

    private Path configFile;
    private String configYaml;
    private Path dataDir;
    private final Map<String, String> environment = new HashMap<>(System.getenv());

    EmbeddedBuilder() {}

    /** A LiteLLM-style config.yaml. */
    public EmbeddedBuilder configFile(Path configFile) {
        this.configFile = configFile;
        return this;
    }

    /** The config as text, used when no config file is set. */
    public EmbeddedBuilder configYaml(String configYaml) {
        this.configYaml = configYaml;
        return this;
    }

    /** Where the engine keeps its SQLite store and files (required). */
    public EmbeddedBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    /** Replaces the environment the config's {@code os.environ/…} references read. */
    public EmbeddedBuilder environment(Map<String, String> environment) {
        this.environment.clear();
        this.environment.putAll(environment);
        return this;
    }

    /** Sets one environment variable for the config. */
    public EmbeddedBuilder environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Starts the engine and returns a client of it.
     *
     * @throws IllegalStateException when no data dir is set, or {@code assistants4j-server} is not on the class path
     */
    public Assistants4j build() {
        if (dataDir == null) {
            throw new IllegalStateException("an embedded Assistants4j needs a data dir: call dataDir(path)");
        }
        EmbeddedSettings settings = new EmbeddedSettings(
                Optional.ofNullable(configFile), Optional.ofNullable(configYaml), dataDir, environment);
        return Assistants4j.over(factory().open(settings));
    }

    private static EmbeddedTransportFactory factory() {
        Iterator<EmbeddedTransportFactory> found =
                ServiceLoader.load(EmbeddedTransportFactory.class).iterator();
        if (!found.hasNext()) {
            found = ServiceLoader.load(EmbeddedTransportFactory.class, EmbeddedTransportFactory.class.getClassLoader())
                    .iterator();
        }
        if (!found.hasNext()) {
            throw new IllegalStateException("no in-process engine on the class path: add the artifact "
                    + SERVER_ARTIFACT + " (same version as assistants4j-client) to use Assistants4j.embedded()");
        }
        return found.next();
    }
}
