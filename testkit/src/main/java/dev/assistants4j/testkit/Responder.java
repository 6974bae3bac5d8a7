package dev.assistants4j.testkit;

import java.io.IOException;

/**
 * How one of the fake's protocols answers a {@link Reply}: {@link #respond} picks the answer by the reply's kind and by
 * whether the request asked for a stream. A reply that only makes sense streamed (a broken stream, an error inside
 * one) is sent whole as a 500 by default. Each implementation answers one exchange, on its thread.
 */
interface Responder {

    /** Whether the request asked for a streamed answer. */
    boolean streaming();

    /**
     * Sends the reply.
     *
     * @return true when the reply was sent to its end, false when it was cut short on purpose
     * @throws IOException when the client has gone
     * @throws ChatResponder.DropConnection to make the server drop the connection
     */
    default boolean respond(Reply reply) throws IOException, InterruptedException {
        return switch (reply) {
            case Reply.Completion completion -> streaming() ? stream(completion) : send(completion);
            case Reply.HttpError error -> send(error);
            case Reply.BrokenStream broken -> streaming() ? stream(broken) : send(broken);
            case Reply.StreamError error -> streaming() ? stream(error) : send(Reply.error(500, error.message()));
            case Reply.Hang hang -> streaming() ? stream(hang) : send(hang);
        };
    }

    boolean stream(Reply.Completion reply) throws IOException, InterruptedException;

    boolean send(Reply.Completion reply) throws IOException, InterruptedException;

    boolean send(Reply.HttpError error) throws IOException;

    boolean stream(Reply.BrokenStream reply) throws IOException, InterruptedException;

    /** A broken stream asked for whole: a 500. */
    default boolean send(Reply.BrokenStream reply) throws IOException, InterruptedException {
        return send(Reply.error(500, "broken"));
    }

    boolean stream(Reply.StreamError reply) throws IOException;

    /** A stream that starts, then stays silent. */
    boolean stream(Reply.Hang hang) throws IOException, InterruptedException;

    /** A whole answer that never comes. */
    boolean send(Reply.Hang hang) throws IOException, InterruptedException;
}
