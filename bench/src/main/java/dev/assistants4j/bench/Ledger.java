package dev.assistants4j.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crash bench's record of what its clients did: what the server <em>acknowledged</em> (answered 2xx), which the
 * checks then look for in the data, the runs the clients know of (acknowledged, or found on their thread after a
 * create whose answer a kill cut), the requests left without an answer, and unexpected answers. Thread-safe: the
 * workers write it concurrently.
 */
final class Ledger {

    /** A message of a thread. */
    record MessageRef(String threadId, String messageId) {}

    /** A run of a thread. */
    record RunRef(String threadId, String runId) {}

    /** Tool outputs the server acknowledged for a run. */
    record Submit(String threadId, String runId, String output) {}

    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final Queue<MessageRef> messages = new ConcurrentLinkedQueue<>();
    private final Map<String, RunRef> knownRuns = new ConcurrentHashMap<>();
    private final Set<String> acknowledgedRuns = ConcurrentHashMap.newKeySet();
    private final Map<String, Submit> submits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
    private final AtomicInteger foundAfterLoss = new AtomicInteger();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    void thread(String threadId) {
        threads.add(threadId);
    }

    void message(String threadId, String messageId, boolean acknowledged) {
        if (acknowledged) {
            messages.add(new MessageRef(threadId, messageId));
        } else {
            foundAfterLoss.incrementAndGet();
        }
    }

    void run(String threadId, String runId, boolean acknowledged) {
        knownRuns.put(runId, new RunRef(threadId, runId));
        if (acknowledged) {
            acknowledgedRuns.add(runId);
        } else {
            foundAfterLoss.incrementAndGet();
        }
    }

    void submitted(String threadId, String runId, String output) {
        submits.put(runId, new Submit(threadId, runId, output));
    }

    /** A request of this kind (e.g. {@code POST submit_tool_outputs}) got no answer. */
    void unanswered(String request) {
        unanswered.computeIfAbsent(request, key -> new AtomicInteger()).incrementAndGet();
    }

    /** The server answered {@code request} with something the client did not expect (kept as evidence). */
    void unexpected(String request, String what) {
        String line = request + ": " + what;
        unexpected.add(line);
        System.err.println("crash bench: unexpected answer to " + line);
    }

    Set<String> threads() {
        return Set.copyOf(threads);
    }

    List<MessageRef> messages() {
        return List.copyOf(messages);
    }

    /** Every run the clients know of, acknowledged or not. */
    List<RunRef> knownRuns() {
        return List.copyOf(knownRuns.values());
    }

    boolean acknowledged(String runId) {
        return acknowledgedRuns.contains(runId);
    }

    int acknowledgedRunCount() {
        return acknowledgedRuns.size();
    }

    List<Submit> submits() {
        return List.copyOf(submits.values());
    }

    /** Requests without an answer, by kind, sorted by kind. */
    Map<String, Integer> unanswered() {
        Map<String, Integer> counts = new TreeMap<>();
        unanswered.forEach((request, count) -> counts.put(request, count.get()));
        return counts;
    }

    /** Messages and runs a client found on its thread after the answer to their create was lost. */
    int foundAfterLoss() {
        return foundAfterLoss.get();
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }
}
