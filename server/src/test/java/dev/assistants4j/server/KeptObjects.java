package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;

/**
 * An assistant, a thread and a message of it, all "kept", created to show that a refused request changed none of
 * them: {@link #retrieved()} reads the same before and after.
 */
record KeptObjects(HttpTestClient client, String assistantId, String threadId, String messageId) {

    /** Creates them through {@code client}: the assistant named "kept", the thread with metadata, the message. */
    static KeptObjects create(HttpTestClient client) {
        String assistantId = client.createId("/v1/assistants", json("{'model':'m','name':'kept'}"));
        String threadId = client.createId("/v1/threads", json("{'metadata':{'k':'kept'}}"));
        String messageId =
                client.createId("/v1/threads/" + threadId + "/messages", json("{'role':'user','content':'kept'}"));
        return new KeptObjects(client, assistantId, threadId, messageId);
    }

    /** The path of the thread's messages. */
    String messagesPath() {
        return "/v1/threads/" + threadId + "/messages";
    }

    /** The assistant, the thread and the message as retrieved, one a line. */
    String retrieved() {
        return String.join(
                "\n",
                client.get("/v1/assistants/" + assistantId).body(),
                client.get("/v1/threads/" + threadId).body(),
                client.get(messagesPath() + "/" + messageId).body());
    }
}
