package dev.assistants4j.testkit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call of Gemini's API the fake answers: {@code POST /v1beta/models/{model}:generateContent}, or {@code
 * :streamGenerateContent}, streamed as SSE with {@code ?alt=sse} (without it Gemini answers a JSON array, which the
 * fake does not: it answers one response). Immutable.
 *
 * @param model the model of the path, e.g. {@code gemini-2.5-flash}
 * @param streaming whether the answer is SSE
 */
record GeminiCall(String model, boolean streaming) {

    private static final Pattern PATH =
            Pattern.compile("^/v1beta/(?:models|tunedModels)/([^/:]+):(generateContent|streamGenerateContent)$");

    /** The call a request stands for; empty when it is none of Gemini's. */
    static Optional<GeminiCall> of(RecordedRequest request) {
        Matcher matcher = PATH.matcher(request.path());
        if (!matcher.matches() || !request.method().equals("POST")) {
            return Optional.empty();
        }
        boolean streaming = matcher.group(2).equals("streamGenerateContent")
                && request.queryParam("alt").filter("sse"::equals).isPresent();
        return Optional.of(new GeminiCall(matcher.group(1), streaming));
    }
}
