package dev.assistants4j.core.service;

import dev.assistants4j.core.access.ApiKeys;
import dev.assistants4j.core.access.Durations;
import dev.assistants4j.core.access.LimitFields;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.KeyStore.KeyPage;
import dev.assistants4j.core.store.TeamStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Virtual keys as LiteLLM's {@code /key/*} manages them: generated ({@code sk-…}, shown once, stored as a hash),
 * read, changed, regenerated (a new key, the same stable id and project), blocked and deleted. After each change it
 * calls {@code changed}, so this node's cache of keys drops what it held at once (other nodes see the change through
 * {@link KeyStore#changes()}). Thread-safe.
 */
public final class KeyService {

    /** The largest page of {@link #list}. */
    public static final int MAX_PAGE_SIZE = 100;

    private final KeyStore keys;
    private final TeamStore teams;
    private final Clock clock;
    private final Runnable changed;

    public KeyService(KeyStore keys, TeamStore teams, Clock clock, Runnable changed) {
        this.keys = keys;
        this.teams = teams;
        this.clock = clock;
        this.changed = changed;
    }

    /** A key just made: the key itself, which is never shown again, and what is stored of it. */
    public record GeneratedKey(String key, VirtualKey stored) {}

    /** Makes a key with {@code settings}. */
    public GeneratedKey generate(KeySettings settings) {
        String secret = ApiKeys.generate();
        long now = clock.millis();
        VirtualKey blank = new VirtualKey(
                UUID.randomUUID().toString(),
                ApiKeys.hash(secret),
                ApiKeys.keyName(secret),
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                now,
                now);
        VirtualKey key = apply(blank, settings, now);
        keys.insert(key);
        changed.run();
        return new GeneratedKey(secret, key);
    }

    /** The key named by itself ({@code sk-…}) or its token (hash). */
    public VirtualKey info(String keyOrToken) {
        return keys.findByToken(ApiKeys.tokenOf(keyOrToken)).orElseThrow(KeyService::notFound);
    }

    /** The key with stable id {@code keyId}. */
    public VirtualKey byId(String keyId) {
        return keys.find(keyId).orElseThrow(KeyService::notFound);
    }

    /** Changes the settings of a key; what {@code settings} keeps stays. */
    public VirtualKey update(String keyOrToken, KeySettings settings) {
        VirtualKey key = apply(info(keyOrToken), settings, clock.millis());
        store(key);
        return key;
    }

    /** Blocks or unblocks a key: a blocked key is refused until unblocked. */
    public VirtualKey block(String keyOrToken, boolean blocked) {
        return update(keyOrToken, KeySettings.NONE.withBlocked(blocked));
    }

    /**
     * Gives a key a new secret: the old one stops working, the new one keeps the key's id, project, alias and limits
     * (changed by {@code settings}, as LiteLLM's regenerate allows).
     */
    public GeneratedKey regenerate(String keyOrToken, KeySettings settings) {
        VirtualKey old = info(keyOrToken);
        String secret = ApiKeys.generate();
        long now = clock.millis();
        VirtualKey renewed = new VirtualKey(
                old.id(),
                ApiKeys.hash(secret),
                ApiKeys.keyName(secret),
                old.keyAlias(),
                old.teamId(),
                old.models(),
                old.maxBudget(),
                old.budgetDuration(),
                old.budgetResetAt(),
                old.expires(),
                old.rpmLimit(),
                old.tpmLimit(),
                old.maxParallelRequests(),
                old.metadata(),
                old.blocked(),
                old.createdAt(),
                now);
        VirtualKey key = apply(renewed, settings, now);
        store(key);
        return new GeneratedKey(secret, key);
    }

    /**
     * Deletes the keys named by themselves (or their tokens) and by their aliases, all or none.
     *
     * @return the names as given, of every key deleted
     * @throws NotFoundException naming what is not a key, before anything is deleted
     */
    public List<String> delete(List<String> keysOrTokens, List<String> aliases) {
        List<VirtualKey> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        keysOrTokens.forEach(named -> keys.findByToken(ApiKeys.tokenOf(named))
                .ifPresentOrElse(found::add, () -> missing.add(ApiKeys.keyName(named))));
        aliases.forEach(alias -> keys.findByAlias(alias).ifPresentOrElse(found::add, () -> missing.add(alias)));
        if (!missing.isEmpty()) {
            throw new NotFoundException(
                    "Failed to delete all keys. Keys not found: " + missing + ". Nothing was deleted.", "keys");
        }
        found.forEach(key -> keys.delete(key.id()));
        changed.run();
        List<String> deleted = new ArrayList<>(keysOrTokens);
        deleted.addAll(aliases);
        return deleted;
    }

    /** A page of keys (1-based), oldest first, with the total count, filtered by team and alias. */
    public KeyPage list(Optional<String> teamId, Optional<String> keyAlias, int page, int size) {
        if (page < 1) {
            throw new InvalidRequestException("Invalid 'page': it must be at least 1.", "page");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("Invalid 'size': it must be 1.." + MAX_PAGE_SIZE + ".", "size");
        }
        return keys.list(teamId, keyAlias, page, size);
    }

    private void store(VirtualKey key) {
        if (!keys.update(key)) {
            throw notFound();
        }
        changed.run();
    }

    private VirtualKey apply(VirtualKey key, KeySettings settings, long now) {
        String teamId = settings.teamId().apply(key.teamId());
        if (teamId != null && !teamId.equals(key.teamId()) && teams.find(teamId).isEmpty()) {
            throw new InvalidRequestException(
                    "Team doesn't exist in db. Team=" + teamId + ". Create team via `/team/new` call.", "team_id");
        }
        LimitFields limits = settings.limits().applyTo(key, now);
        Long expires =
                switch (settings.duration()) {
                    case Patch.Keep<String> keep -> key.expires();
                    case Patch.Clear<String> clear -> null;
                    case Patch.Value<String> value ->
                        now
                                + Durations.parse(LimitSettings.checkedDuration(value.value(), "duration"))
                                        .toMillis();
                };
        return new VirtualKey(
                key.id(),
                key.token(),
                key.keyName(),
                settings.keyAlias().apply(key.keyAlias()),
                teamId,
                limits.models(),
                limits.maxBudget(),
                limits.budgetDuration(),
                limits.budgetResetAt(),
                expires,
                limits.rpmLimit(),
                limits.tpmLimit(),
                limits.maxParallelRequests(),
                limits.metadata(),
                limits.blocked(),
                key.createdAt(),
                now);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Key not found in database.", "key");
    }
}
