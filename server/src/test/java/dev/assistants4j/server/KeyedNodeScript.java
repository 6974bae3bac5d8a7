package dev.assistants4j.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@code conformance/node} script against servers that require {@link TestServer#MASTER_KEY}, handing the
 * script that key as {@code ASSISTANTS_API_KEY}.
 */
public final class KeyedNodeScript {

    private KeyedNodeScript() {}

    /**
     * As {@link NodeScript#assertPasses}, with {@code ASSISTANTS_API_KEY} and the variables {@code env} names, each
     * followed by its value, in the script's environment.
     */
    public static void assertPasses(String script, String sdk, Path logDir, String... env)
            throws IOException, InterruptedException {
        if (env.length % 2 != 0) {
            throw new IllegalArgumentException("a value for each variable: " + String.join(", ", env));
        }
        Map<String, String> variables = new HashMap<>(Map.of("ASSISTANTS_API_KEY", TestServer.MASTER_KEY));
        for (int i = 0; i < env.length; i += 2) {
            variables.put(env[i], env[i + 1]);
        }
        NodeScript.assertPasses(script, sdk, variables, logDir);
    }
}
