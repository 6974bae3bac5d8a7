package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import java.util.List;
import java.util.Map;

/** Runs as the engine would have stored them, for tests that put runs straight into a store. */
public final class TestRuns {

    private TestRuns() {}

    /** A run of the assistant on the thread, in {@code status}, created and started at {@code createdAt}. */
    public static Run of(String threadId, String assistantId, RunStatus status, long createdAt) {
        return new Run(
                Ids.next(Ids.RUN),
                createdAt,
                threadId,
                assistantId,
                status,
                null,
                null,
                null,
                createdAt,
                null,
                null,
                null,
                null,
                "gpt-4o",
                "Be brief.",
                List.of(),
                Map.of(),
                null,
                1.0,
                1.0,
                null,
                null,
                null,
                TextNode.valueOf("auto"),
                true,
                TextNode.valueOf("auto"),
                null);
    }
}
