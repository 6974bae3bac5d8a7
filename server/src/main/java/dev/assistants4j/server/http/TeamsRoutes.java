package dev.assistants4j.server.http;

import dev.assistants4j.core.access.SpendTotals;
import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.TeamService;
import dev.assistants4j.core.service.TeamService.TeamInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LiteLLM's {@code /team/*}, master key only, at LiteLLM's bare paths and under {@code /v1}: new, info, list, update,
 * delete. Two additions of this server: {@code /team/delete} takes {@code "delete_objects": true} to delete the teams'
 * objects too (without it they stay, reachable again only by a team made with the same id), and {@code POST
 * /team/adopt_default_project} with {@code {"team_id": …}} gives the default project's objects (what the master key
 * made, and everything from before keys had projects) to the team.
 */
public final class TeamsRoutes {

    private static final List<String> PREFIXES = List.of("", "/v1");

    private final TeamService teams;
    private final AccessWire wire;

    /** @param spend what the keys and teams have spent, shown as {@code spend} */
    public TeamsRoutes(TeamService teams, SpendTotals spend) {
        this.teams = teams;
        this.wire = new AccessWire(spend);
    }

    public void register(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + "/team/new", this::create);
            routes.get(prefix + "/team/info", this::info);
            routes.get(prefix + "/team/list", this::list);
            routes.post(prefix + "/team/update", this::update);
            routes.post(prefix + "/team/delete", this::delete);
            routes.post(prefix + "/team/adopt_default_project", this::adopt);
        }
    }

    private void create(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        Team team = teams.create(body.string("team_id", 1_000), AccessRequests.team(body));
        ctx.json(wire.team(team));
    }

    private void info(Context ctx) {
        AdminOnly.check(ctx);
        String teamId = ctx.queryParam("team_id");
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidRequestException("Missing query parameter: 'team_id'.", "team_id");
        }
        TeamInfo info = teams.info(teamId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("team_id", teamId);
        response.put("team_info", wire.team(info.team()));
        response.put("keys", info.keys().stream().map(wire::key).toList());
        response.put("team_memberships", List.of());
        ctx.json(response);
    }

    private void list(Context ctx) {
        AdminOnly.check(ctx);
        ctx.json(teams.list().stream().map(wire::team).toList());
    }

    private void update(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        String teamId = body.requiredString("team_id");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("team_id", teamId);
        response.put("data", wire.team(teams.update(teamId, AccessRequests.team(body))));
        ctx.json(response);
    }

    private void delete(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        List<String> teamIds = AccessRequests.strings(body, "team_ids");
        if (teamIds.isEmpty()) {
            throw new InvalidRequestException("Pass 'team_ids': the teams to delete.", "team_ids");
        }
        boolean objects = body.bool("delete_objects").orElse(false);
        List<Team> deleted = teams.delete(teamIds, objects);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("deleted_teams", deleted.stream().map(Team::teamId).toList());
        response.put("deleted_objects", objects);
        ctx.json(response);
    }

    private void adopt(Context ctx) {
        AdminOnly.check(ctx);
        String teamId = JsonObjectReader.body(ctx).requiredString("team_id");
        ctx.json(Map.of("team_id", teamId, "moved_objects", teams.adoptDefaultProject(teamId)));
    }
}
