package dev.assistants4j.core.service;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.LimitFields;
import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.TeamStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Teams as LiteLLM's {@code /team/*} manages them. A team is a project: its id is the project of its keys' objects.
 * Deleting a team deletes its keys, and its objects only when asked ({@code delete_objects}); moving the default
 * project's objects to a team hands what the master key made to that team. After each change it calls {@code
 * changed}, as {@link KeyService} does. Thread-safe.
 */
public final class TeamService {

    private final TeamStore teams;
    private final KeyStore keys;
    private final ProjectObjects objects;
    private final Clock clock;
    private final Runnable changed;

    public TeamService(TeamStore teams, KeyStore keys, ProjectObjects objects, Clock clock, Runnable changed) {
        this.teams = teams;
        this.keys = keys;
        this.objects = objects;
        this.clock = clock;
        this.changed = changed;
    }

    /** A team and its keys, as {@code /team/info} shows them. */
    public record TeamInfo(Team team, List<VirtualKey> keys) {}

    /**
     * Makes a team.
     *
     * @param teamId its id (and project id); empty: a new UUID, as LiteLLM makes one
     */
    public Team create(Optional<String> teamId, TeamSettings settings) {
        String id = teamId.orElseGet(() -> UUID.randomUUID().toString());
        checkId(id);
        long now = clock.millis();
        Team blank = new Team(id, null, List.of(), null, null, null, null, null, null, null, false, now, now);
        Team team = apply(blank, settings, now);
        teams.insert(team);
        changed.run();
        return team;
    }

    public TeamInfo info(String teamId) {
        return new TeamInfo(find(teamId), keys.ofTeam(teamId));
    }

    public List<Team> list() {
        return teams.list();
    }

    /** Changes a team's settings; what {@code settings} keeps stays. */
    public Team update(String teamId, TeamSettings settings) {
        Team team = apply(find(teamId), settings, clock.millis());
        if (!teams.update(team)) {
            throw notFound(teamId);
        }
        changed.run();
        return team;
    }

    /**
     * Deletes teams and their keys; with {@code deleteObjects}, also every object of their projects (otherwise the
     * objects stay, reachable again only by a team made with the same id).
     *
     * @throws NotFoundException naming the first id that is not a team, before anything is deleted
     */
    public List<Team> delete(List<String> teamIds, boolean deleteObjects) {
        List<Team> found = new ArrayList<>();
        teamIds.forEach(id -> found.add(find(id)));
        for (Team team : found) {
            teams.delete(team.teamId());
            changed.run(); // its keys stop working before its objects go
            if (deleteObjects) {
                objects.delete(team.teamId());
            }
        }
        return found;
    }

    /**
     * Gives every object of the default project (what the master key made, and everything from before keys had
     * projects) to a team.
     *
     * @return how many objects moved
     */
    public int adoptDefaultProject(String teamId) {
        find(teamId);
        return objects.move(Caller.DEFAULT_PROJECT, teamId);
    }

    private Team find(String teamId) {
        return teams.find(teamId).orElseThrow(() -> notFound(teamId));
    }

    private static void checkId(String id) {
        if (id.isBlank() || id.equals(Caller.DEFAULT_PROJECT) || id.startsWith(VirtualKey.PROJECT_PREFIX)) {
            throw new InvalidRequestException(
                    "Invalid 'team_id': '" + id + "' is reserved (it names a project that is not a team's).",
                    "team_id");
        }
    }

    private static Team apply(Team team, TeamSettings settings, long now) {
        LimitFields limits = settings.limits().applyTo(team, now);
        return new Team(
                team.teamId(),
                settings.teamAlias().apply(team.teamAlias()),
                limits.models(),
                limits.maxBudget(),
                limits.budgetDuration(),
                limits.budgetResetAt(),
                limits.rpmLimit(),
                limits.tpmLimit(),
                limits.maxParallelRequests(),
                limits.metadata(),
                limits.blocked(),
                team.createdAt(),
                now);
    }

    private static NotFoundException notFound(String teamId) {
        return new NotFoundException("Team not found, passed team_id=" + teamId + ".", "team_id");
    }
}
