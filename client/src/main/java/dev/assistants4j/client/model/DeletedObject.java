package dev.assistants4j.client.model;

/** The answer to a delete: the object's id and kind, and whether it was deleted. */
public record DeletedObject(String id, String object, boolean deleted) {}
