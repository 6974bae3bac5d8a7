package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a virtual thread holding its carrier thread in native code (a pipe, file or socket
 * read through old APIs, JNI): such a thread keeps a carrier for as long as it waits, and once the scheduler's spare
 * carriers retire, nothing is left to run the server. Found in the JVM's thread dump (virtual threads included): a
 * virtual thread mounted on a carrier with a native method on top, in every one of a few samples over a second.
 * Registered for every test class through JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public final class CarrierGuard implements AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 4;
    private static final Duration BETWEEN_SAMPLES = Duration.ofMillis(300);

    @Override
    public void afterAll(ExtensionContext context) {
        Map<String, String> held = heldCarriers();
        for (int sample = 1; sample < SAMPLES && !held.isEmpty(); sample++) {
            pause();
            held.keySet().retainAll(heldCarriers().keySet());
        }
        if (!held.isEmpty()) {
            throw new AssertionError("Virtual threads hold their carrier threads in native code (use platform threads"
                    + " for reads that can wait): " + String.join("\n", held.values()));
        }
    }

    /** The virtual threads mounted on a carrier with a native method on top: thread id to a description. */
    public static Map<String, String> heldCarriers() {
        Map<String, String> held = new LinkedHashMap<>();
        for (JsonNode thread : virtualThreads(dump())) {
            JsonNode stack = thread.path("stack");
            boolean mounted = thread.hasNonNull("carrier");
            if (mounted && !stack.isEmpty() && stack.get(0).asText().contains("(Native Method)")) {
                held.put(thread.path("tid").asText(), thread.path("name").asText() + " " + stack);
            }
        }
        return held;
    }

    private static List<JsonNode> virtualThreads(JsonNode dump) {
        return dump.path("threadDump")
                .path("threadContainers")
                .valueStream()
                .flatMap(container -> container.path("threads").valueStream())
                .filter(thread -> thread.path("virtual").asBoolean())
                .toList();
    }

    private static JsonNode dump() {
        try {
            Path file = Files.createTempFile("threads-", ".json");
            Files.delete(file); // the JVM writes only a new file
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
                return JSON.readTree(file.toFile());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BETWEEN_SAMPLES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
