package dev.assistants4j.core.store;

/**
 * What the holder of a lease proves it still holds it with: the lease's key (a run id, or a {@link
 * RunLeaseStore#fileKey}) and the token the store gave when the lease passed to its holder. A write made through
 * {@link Stores#fenced} with it is refused once the lease passed to another holder (another node took the run over),
 * however late the writer wakes up.
 */
public record Fence(String key, String token) {}
