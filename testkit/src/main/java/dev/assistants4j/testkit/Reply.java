package dev.assistants4j.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FakeUpstream} answers to one chat-completions request. Values are immutable; the methods that look like
 * setters return changed copies, e.g. {@code Reply.text("Hel", "lo").finishReason("length").usage(12, 3)}.
 *
 * <p>Every variant works for streaming and non-streaming requests; the Javadoc of each says how it is streamed.
 */
public sealed interface Reply
        permits Reply.Completion, Reply.HttpError, Reply.BrokenStream, Reply.StreamError, Reply.Hang {

    /** A text answer; each argument is streamed as one delta, and the non-streaming answer is their concatenation. */
    static Completion text(String... deltas) {
        return new Completion(List.of(deltas), List.of(), null, null, Duration.ZERO, Duration.ZERO);
    }

    /** An answer of parallel tool calls (no text), finishing with {@code tool_calls}. */
    static Completion toolCalls(ToolCall... calls) {
        return new Completion(List.of(), List.of(calls), null, null, Duration.ZERO, Duration.ZERO);
    }

    /**
     * An HTTP error with an OpenAI error body {@code {"error":{"message","type","param","code"}}}; the type is
     * {@code server_error} for 5xx, {@code requests} (code {@code rate_limit_exceeded}) for 429, otherwise {@code
     * invalid_request_error}.
     */
    static HttpError error(int status, String message) {
        return new HttpError(status, message, null, null, null);
    }

    /**
     * Streams the role chunk and these deltas, then ends the body without a finish reason or {@code [DONE]} and closes
     * the connection: a stream that broke off. The deltas always reach the client. See {@link BrokenStream#abruptly()}
     * for a connection dropped mid-body.
     */
    static BrokenStream brokenStream(String... deltas) {
        return new BrokenStream(List.of(deltas), Duration.ZERO, false);
    }

    /**
     * Streams the role chunk and {@code deltasBefore}, then a {@code data: {"error":{…}}} frame (type {@code
     * server_error}), then ends the response without {@code [DONE]}. Non-streaming requests get an HTTP 500 instead.
     */
    static StreamError streamError(String message, String... deltasBefore) {
        return new StreamError(List.of(deltasBefore), message);
    }

    /**
     * Streams the role chunk, then only SSE comments ({@code : keep-alive}, every 100 ms, so that a closed connection
     * is noticed) until the client disconnects or 60 seconds pass; then it finishes with {@code stop}.
     */
    static Hang hangUntilClosed() {
        return new Hang(Duration.ofSeconds(60));
    }

    /** Like {@link #hangUntilClosed()} with another maximum. */
    static Hang hangUntilClosed(Duration max) {
        return new Hang(max);
    }

    /**
     * A normal answer: text deltas, then tool calls.
     *
     * @param finishReason null for the natural one: {@code tool_calls} when there are tool calls, else {@code stop}
     * @param usage null for an estimate (about four characters per token, at least one)
     */
    record Completion(
            List<String> deltas,
            List<ToolCall> toolCalls,
            String finishReason,
            Usage usage,
            Duration delayBeforeFirstToken,
            Duration delayBetweenTokens)
            implements Reply {

        public Completion {
            deltas = List.copyOf(deltas);
            toolCalls = List.copyOf(toolCalls);
            Objects.requireNonNull(delayBeforeFirstToken, "delayBeforeFirstToken");
            Objects.requireNonNull(delayBetweenTokens, "delayBetweenTokens");
        }

        /** This answer with tool calls after its text. */
        public Completion withToolCalls(ToolCall... calls) {
            return new Completion(
                    deltas, Arrays.asList(calls), finishReason, usage, delayBeforeFirstToken, delayBetweenTokens);
        }

        /** This answer with another finish reason, e.g. {@code length} or {@code content_filter}. */
        public Completion finishReason(String reason) {
            return new Completion(deltas, toolCalls, reason, usage, delayBeforeFirstToken, delayBetweenTokens);
        }

        /** This answer reporting these token counts. */
        public Completion usage(int promptTokens, int completionTokens) {
            return new Completion(
                    deltas,
                    toolCalls,
                    finishReason,
                    new Usage(promptTokens, completionTokens),
                    delayBeforeFirstToken,
                    delayBetweenTokens);
        }

        /** This answer waiting before its first delta (after the response headers and the role chunk). */
        public Completion delayBeforeFirstToken(Duration delay) {
            return new Completion(deltas, toolCalls, finishReason, usage, delay, delayBetweenTokens);
        }

        /** This answer waiting between consecutive deltas (text and tool call fragments alike). */
        public Completion delayBetweenTokens(Duration delay) {
            return new Completion(deltas, toolCalls, finishReason, usage, delayBeforeFirstToken, delay);
        }

        /** The scripted usage, or an estimate: about four characters per token of the answer, at least one. */
        public Usage usageOr(int promptTokens) {
            if (usage != null) {
                return usage;
            }
            int characters = text().length();
            for (ToolCall call : toolCalls) {
                characters += call.name().length() + call.arguments().length();
            }
            return new Usage(promptTokens, Math.max(1, characters / 4));
        }

        /** The whole text. */
        public String text() {
            return String.join("", deltas);
        }

        /** The finish reason sent: the scripted one or the natural one. */
        public String effectiveFinishReason() {
            if (finishReason != null) {
                return finishReason;
            }
            return toolCalls.isEmpty() ? "stop" : "tool_calls";
        }
    }

    /** Token counts of an answer. */
    record Usage(int promptTokens, int completionTokens) {}

    /**
     * An HTTP error.
     *
     * @param code null for the default of the status
     * @param retryAfter null for no {@code Retry-After} header
     * @param rawBody null for the OpenAI error JSON; otherwise sent verbatim as {@code text/html}
     */
    record HttpError(int status, String message, String code, Duration retryAfter, String rawBody) implements Reply {

        /** This error with a {@code Retry-After} header (whole seconds, rounded up). */
        public HttpError retryAfter(Duration delay) {
            return new HttpError(status, message, code, delay, rawBody);
        }

        /** This error with another {@code error.code}. */
        public HttpError code(String newCode) {
            return new HttpError(status, message, newCode, retryAfter, rawBody);
        }

        /** This error with a body that is not JSON, like a proxy's HTML error page. */
        public HttpError rawBody(String body) {
            return new HttpError(status, message, code, retryAfter, body);
        }

        /** The {@code error.type} sent. */
        public String type() {
            if (status >= 500) {
                return "server_error";
            }
            return status == 429 ? "requests" : "invalid_request_error";
        }

        /** The {@code error.code} sent. */
        public String effectiveCode() {
            if (code != null) {
                return code;
            }
            return switch (status) {
                case 401 -> "invalid_api_key";
                case 429 -> "rate_limit_exceeded";
                default -> null;
            };
        }
    }

    /**
     * See {@link Reply#brokenStream(String...)}.
     *
     * @param abrupt whether the connection is dropped mid-body (no terminating chunk) rather than ended early
     */
    record BrokenStream(List<String> deltas, Duration delayBetweenTokens, boolean abrupt) implements Reply {
        public BrokenStream {
            deltas = List.copyOf(deltas);
        }

        /** This reply waiting between consecutive deltas. */
        public BrokenStream delayBetweenTokens(Duration delay) {
            return new BrokenStream(deltas, delay, abrupt);
        }

        /**
         * This reply dropping the TCP connection after the deltas, without ending the chunked body. Clients see an I/O
         * error; the JDK HTTP client may then discard deltas it had received but not yet handed out, so tests of this
         * variant should only rely on the failure.
         */
        public BrokenStream abruptly() {
            return new BrokenStream(deltas, delayBetweenTokens, true);
        }
    }

    /** See {@link Reply#streamError(String, String...)}. */
    record StreamError(List<String> deltasBefore, String message) implements Reply {
        public StreamError {
            deltasBefore = List.copyOf(deltasBefore);
        }
    }

    /** See {@link Reply#hangUntilClosed()}. */
    record Hang(Duration max) implements Reply {}
}
