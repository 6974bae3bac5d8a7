package dev.assistants4j.core.access;

import dev.assistants4j.core.error.AuthenticationException;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.TeamStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Callers} of a server that stores its keys: the master key (from the config) and the virtual keys of
 * {@link KeyStore}, each with its team's project and limits.
 *
 * <p>Why a cache, and how it stays right: the request path answers from memory (a key's first request reads it from
 * the database once). Every write to keys or teams advances {@link KeyStore#changes()}; each node polls that one row
 * every {@code pollEvery} (250 ms by default) and drops its whole cache when it moved, and the node that made a change
 * drops it at once ({@link #invalidate()}). So a block, delete or regenerate takes effect on every node within a poll
 * interval and a read; expiry is checked against the clock on every request, with no database at all. A load that
 * races with a drop puts what it read into the dropped cache, never into the new one.
 *
 * <p>Without a master key the server is open: a stored key still stands for its own project (and is refused when
 * blocked or expired), any other key or none acts as the master key. Thread-safe; {@link #close()} stops the polling.
 */
public final class StoreCallers implements Callers, AutoCloseable {

    /** How often a node checks whether keys or teams changed. */
    public static final Duration POLL_EVERY = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(StoreCallers.class);
    /** More entries than this (such as many wrong keys) starts a new cache. */
    private static final int MAX_ENTRIES = 10_000;

    private final Optional<String> masterKey;
    private final KeyStore keys;
    private final TeamStore teams;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private volatile Cache cache = new Cache();
    private volatile long seenChanges;
    private volatile boolean pollFailing;

    private StoreCallers(Optional<String> masterKey, KeyStore keys, TeamStore teams, Clock clock) {
        this.masterKey = masterKey;
        this.keys = keys;
        this.teams = teams;
        this.clock = clock;
        this.seenChanges = keys.changes();
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("key-changes").factory());
    }

    /** Starts polling {@code keys} for changes every {@code pollEvery}. */
    public static StoreCallers start(
            Optional<String> masterKey, KeyStore keys, TeamStore teams, Clock clock, Duration pollEvery) {
        StoreCallers callers = new StoreCallers(masterKey, keys, teams, clock);
        callers.poller.scheduleWithFixedDelay(
                callers::poll, pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        return callers;
    }

    @Override
    public Caller authenticate(String apiKey) {
        return authenticate(apiKey, Optional.empty());
    }

    @Override
    public Caller authenticate(String apiKey, Optional<String> project) {
        if (masterKey.isPresent() && Callers.constantTimeEquals(apiKey, masterKey.get())) {
            return Caller.master(masterProject(project));
        }
        Optional<Entry> entry = cached(c -> c.byToken, ApiKeys.hash(apiKey), keys::findByToken);
        if (entry.isEmpty()) {
            if (masterKey.isEmpty()) {
                return Caller.master(masterProject(project));
            }
            throw Callers.incorrectKey(apiKey);
        }
        return caller(entry.get());
    }

    @Override
    public Optional<Caller> byKeyId(String keyId) {
        return cached(c -> c.byId, keyId, keys::find).filter(this::works).map(this::caller);
    }

    /** Drops every cached key and team: the next request of each reads it again. */
    public void invalidate() {
        cache = new Cache();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            long changes = keys.changes();
            if (pollFailing) {
                LOG.info("Key changes are polled again");
                pollFailing = false;
            }
            if (changes != seenChanges) {
                seenChanges = changes;
                invalidate();
            }
        } catch (RuntimeException e) {
            if (!pollFailing) {
                // The keys cannot change meanwhile: they are written to the same database.
                LOG.warn("Could not poll key changes; answering from the keys cached until the database answers", e);
                pollFailing = true;
            }
        }
    }

    private String masterProject(Optional<String> project) {
        if (project.isEmpty() || project.get().isBlank() || project.get().equals(Caller.DEFAULT_PROJECT)) {
            return Caller.DEFAULT_PROJECT;
        }
        String named = project.get().strip();
        boolean team = cachedTeam(named).isPresent();
        boolean teamlessKey = named.startsWith(VirtualKey.PROJECT_PREFIX)
                && cached(c -> c.byId, named.substring(VirtualKey.PROJECT_PREFIX.length()), keys::find)
                        .filter(entry -> entry.key().teamId() == null)
                        .isPresent();
        if (!team && !teamlessKey) {
            throw new AuthenticationException(
                    "No project found with id '" + named + "' (named by the OpenAI-Project header): it must be a"
                            + " team's id, or key-<id> of a key without a team.",
                    "invalid_project");
        }
        return named;
    }

    private Caller caller(Entry entry) {
        VirtualKey key = entry.key();
        Instant now = clock.instant();
        if (key.blocked()) {
            throw new AuthenticationException(
                    "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.",
                    "key_blocked");
        }
        if (key.expiredAt(now)) {
            throw new AuthenticationException(
                    "Authentication Error - Expired Key. Key Expiry time " + Instant.ofEpochMilli(key.expires())
                            + " and current time " + now,
                    "expired_key");
        }
        if (entry.team().filter(Team::blocked).isPresent()) {
            throw new AuthenticationException(
                    "Authentication Error, Team=" + key.teamId() + " is blocked. Update via `/team/update` if you're"
                            + " an admin.",
                    "team_blocked");
        }
        return new Caller(
                key.projectId(),
                Optional.of(key.id()),
                Optional.ofNullable(key.teamId()),
                false,
                key.limits(),
                entry.team().map(Team::limits).orElse(Limits.NONE));
    }

    private boolean works(Entry entry) {
        try {
            caller(entry);
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    private Optional<Entry> cached(
            Function<Cache, Map<String, Optional<Entry>>> which,
            String lookup,
            Function<String, Optional<VirtualKey>> load) {
        Cache current = cache;
        Optional<Entry> entry = which.apply(current).get(lookup);
        if (entry == null) {
            entry = load.apply(lookup).map(key -> new Entry(key, teamOf(key)));
            put(current, which.apply(current), lookup, entry);
        }
        return entry;
    }

    /** Caches a lookup in {@code current} (dropped already, if a change came meanwhile); a full cache starts anew. */
    private <V> void put(Cache current, Map<String, V> map, String lookup, V value) {
        if (map.size() >= MAX_ENTRIES && cache == current) {
            invalidate();
            return;
        }
        map.put(lookup, value);
    }

    private Optional<Team> teamOf(VirtualKey key) {
        return key.teamId() == null ? Optional.empty() : cachedTeam(key.teamId());
    }

    private Optional<Team> cachedTeam(String teamId) {
        Cache current = cache;
        Optional<Team> team = current.teams.get(teamId);
        if (team == null) {
            team = teams.find(teamId);
            put(current, current.teams, teamId, team);
        }
        return team;
    }

    /** A key as stored and its team, if it has one. */
    private record Entry(VirtualKey key, Optional<Team> team) {}

    /** One generation of cached lookups; dropped whole. */
    private static final class Cache {
        final Map<String, Optional<Entry>> byToken = new ConcurrentHashMap<>();
        final Map<String, Optional<Entry>> byId = new ConcurrentHashMap<>();
        final Map<String, Optional<Team>> teams = new ConcurrentHashMap<>();
    }
}
