package dev.assistants4j.server.http;

/** The handler of an Assistants API route, for either transport. */
@FunctionalInterface
interface ApiHandler {
    void handle(ApiExchange exchange) throws Exception;
}
