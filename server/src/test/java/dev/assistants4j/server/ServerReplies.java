package dev.assistants4j.server;

import dev.assistants4j.testkit.Reply;

/** Upstream answers of a known cost. */
final class ServerReplies {

    private ServerReplies() {}

    /** An answer that used {@code promptTokens} and no completion tokens: $0.25 per 100,000 on gpt-4o. */
    static Reply.Completion costing(int promptTokens) {
        return Reply.text("ok").usage(promptTokens, 0);
    }
}
