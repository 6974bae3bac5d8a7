package dev.assistants4j.core.store;

import dev.assistants4j.core.access.VirtualKey;
import java.util.List;
import java.util.Optional;

/**
 * Durable virtual keys, found by their hash ({@code token}), stable id or alias. Every write also advances
 * {@link #changes()}, which nodes poll to drop what they cached. Every method returns after the write is durable.
 * Thread-safe.
 */
public interface KeyStore {

    /**
     * @throws dev.assistants4j.core.error.ConflictException when its alias is another key's
     */
    void insert(VirtualKey key);

    Optional<VirtualKey> find(String keyId);

    Optional<VirtualKey> findByToken(String token);

    Optional<VirtualKey> findByAlias(String keyAlias);

    /**
     * Replaces the stored key with the same id (its token too, after a regenerate); false when there is none.
     *
     * @throws dev.assistants4j.core.error.ConflictException when its alias is another key's
     */
    boolean update(VirtualKey key);

    /** Returns false when there was no such key. */
    boolean delete(String keyId);

    /** The keys of a team, oldest first. */
    List<VirtualKey> ofTeam(String teamId);

    /**
     * One page of the keys, oldest first, with how many match in all (LiteLLM's {@code /key/list}).
     *
     * @param teamId only the keys of this team
     * @param keyAlias only the key with this alias
     * @param page 1 for the first page
     * @param size keys per page, 1..100
     */
    KeyPage list(Optional<String> teamId, Optional<String> keyAlias, int page, int size);

    /** A number that grows with every write to keys or teams (by any node): a cheap "something changed" check. */
    long changes();

    /** A page of keys and how many keys match the list's filter in all. */
    record KeyPage(List<VirtualKey> keys, long totalCount) {
        public KeyPage {
            keys = List.copyOf(keys);
        }
    }
}
