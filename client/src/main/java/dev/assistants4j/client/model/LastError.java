package dev.assistants4j.client.model;

/** Why a run, run step or vector store file failed: a code such as {@code server_error} and a message. */
public record LastError(String code, String message) {}
