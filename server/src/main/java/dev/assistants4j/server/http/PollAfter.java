package dev.assistants4j.server.http;

/**
 * The {@code openai-poll-after-ms} header on the objects clients poll (runs, vector stores, their files and file
 * batches): the official SDKs' poll helpers ({@code createAndPoll}, {@code uploadAndPoll}, ...) wait that long
 * between polls instead of their default 5 s, unless the caller passed its own interval.
 */
final class PollAfter {

    static final String HEADER = "openai-poll-after-ms";
    static final String MILLIS = "200";

    private PollAfter() {}

    static void header(ApiExchange call) {
        call.header(HEADER, MILLIS);
    }
}
