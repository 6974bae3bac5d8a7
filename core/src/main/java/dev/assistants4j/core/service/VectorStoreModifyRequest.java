package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ExpiresAfter;
import java.util.Map;

/** A validated {@code POST /vector_stores/{id}} body: each field kept, cleared or set. */
public record VectorStoreModifyRequest(
        Patch<String> name, Patch<ExpiresAfter> expiresAfter, Patch<Map<String, String>> metadata) {}
