package dev.assistants4j.server;

import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.service.KeyService;
import dev.assistants4j.core.service.KeyService.GeneratedKey;
import dev.assistants4j.core.service.KeySettings;
import dev.assistants4j.core.service.LimitSettings;
import dev.assistants4j.core.service.Patch;
import dev.assistants4j.core.service.ProjectObjects;
import dev.assistants4j.core.service.TeamService;
import dev.assistants4j.core.service.TeamSettings;
import dev.assistants4j.server.config.ConfigException;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.store.StoreOpenException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operators' commands {@code keys create|list|revoke} and {@code teams create|list}: they open the store {@code
 * serve} uses (the same {@code --config}, {@code --data-dir} and {@code --database-url}, resolved the same way) and
 * call the admin services, without HTTP. A running server sees their changes within a second (keys) or at once
 * (teams). Exit codes: 0 done, 1 refused or the store cannot be opened, 2 bad configuration.
 */
final class AdminCommands {

    private AdminCommands() {}

    /** Where the store is: as {@code serve} finds it. */
    static final class StoreOptions {

        @Option(names = "--config", description = "LiteLLM-style config.yaml (default: $ASSISTANTS4J_CONFIG).")
        Path config;

        @Option(
                names = "--data-dir",
                defaultValue = "./data",
                description = "Directory of the database and files (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(
                names = "--database-url",
                description = "PostgreSQL database (default: general_settings.database_url, else $DATABASE_URL, else"
                        + " the SQLite file in the data dir).")
        String databaseUrl;

        /** Runs {@code work} on the admin services of the store, printing refusals; returns the exit code. */
        int run(Function<AdminServices, Integer> work) {
            ServerConfig serverConfig;
            try {
                Map<String, String> env = System.getenv();
                Path file = config != null
                        ? config
                        : Optional.ofNullable(env.get("ASSISTANTS4J_CONFIG"))
                                .map(Path::of)
                                .orElse(null);
                serverConfig = file == null ? ConfigLoader.defaults(env) : ConfigLoader.load(file, env);
                if (databaseUrl != null) {
                    serverConfig =
                            serverConfig.withDatabase(serverConfig.database().withUrl(DatabaseUrl.parse(databaseUrl)));
                }
            } catch (ConfigException | IllegalArgumentException e) {
                System.err.println("assistants4j: invalid configuration: " + e.getMessage());
                return 2;
            }
            try (JdbcStores stores = Engine.openStores(serverConfig.database(), dataDir)) {
                Clock clock = Clock.systemUTC();
                Runnable changed = () -> {}; // servers see it through the polled access_changes version
                AdminServices admin = new AdminServices(
                        new KeyService(stores.keys(), stores.teams(), clock, changed),
                        new TeamService(
                                stores.teams(),
                                stores.keys(),
                                ProjectObjects.moveOnly(stores.projects()),
                                clock,
                                changed));
                return work.apply(admin);
            } catch (StoreOpenException e) {
                System.err.println("assistants4j: " + e.getMessage());
                return 1;
            } catch (AssistantsException e) {
                System.err.println("assistants4j: " + e.getMessage());
                return 1;
            }
        }
    }

    /** The limits keys and teams share, as options. */
    static final class LimitOptions {

        @Option(names = "--models", split = ",", description = "Model names allowed (default: all).")
        List<String> models;

        @Option(names = "--max-budget", description = "US dollars per budget duration (or in all).")
        Double maxBudget;

        @Option(names = "--budget-duration", description = "How often the budget resets: 30s, 30m, 30h, 30d, 1mo.")
        String budgetDuration;

        @Option(names = "--rpm", description = "Requests per minute.")
        Integer rpm;

        @Option(names = "--tpm", description = "Tokens per minute.")
        Integer tpm;

        @Option(names = "--max-parallel", description = "Requests in flight at once.")
        Integer maxParallel;

        /** These limits as settings; metadata and blocked unset. */
        LimitSettings settings() {
            return new LimitSettings(
                    Patch.of(models),
                    Patch.of(maxBudget),
                    Patch.of(budgetDuration),
                    Patch.of(rpm),
                    Patch.of(tpm),
                    Patch.of(maxParallel),
                    Patch.keep(),
                    Patch.keep());
        }
    }

    /** A group of commands: alone, it prints its usage. */
    abstract static class Group implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }

    /** A command that makes a key or a team, with the store and the limits as options. */
    abstract static class Create implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Mixin
        LimitOptions limits;
    }

    @Command(
            name = "keys",
            mixinStandardHelpOptions = true,
            description = "Create, list and revoke virtual keys (as /key/* does).",
            subcommands = {KeysCreate.class, KeysList.class, KeysRevoke.class})
    static final class Keys extends Group {}

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a key; it is printed only now.")
    static final class KeysCreate extends Create {

        @Option(names = "--alias", description = "A name for the key (unique).")
        String alias;

        @Option(names = "--team", description = "The team (and project) of the key; default: a project of its own.")
        String team;

        @Option(names = "--duration", description = "How long the key works: 30s, 30m, 30h, 30d, 1mo.")
        String duration;

        @Override
        public Integer call() {
            KeySettings settings =
                    new KeySettings(Patch.of(alias), Patch.of(team), Patch.of(duration), limits.settings());
            return store.run(admin -> {
                GeneratedKey generated = admin.keys().generate(settings);
                System.out.println(generated.key());
                VirtualKey key = generated.stored();
                System.err.println("Key " + key.id() + " (" + key.keyName() + ") works in project " + key.projectId()
                        + ". This is the only time it is shown.");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (never the keys themselves).")
    static final class KeysList implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Option(names = "--team", description = "Only the keys of this team.")
        String team;

        @Override
        public Integer call() {
            return store.run(admin -> {
                PrintStream out = System.out;
                out.printf(
                        "%-36s  %-12s  %-20s  %-36s  %-7s  %s%n",
                        "KEY_ID", "KEY_NAME", "ALIAS", "TEAM", "BLOCKED", "EXPIRES");
                for (int page = 1; ; page++) {
                    var found = admin.keys().list(Optional.ofNullable(team), Optional.empty(), page, 100);
                    for (VirtualKey key : found.keys()) {
                        out.printf(
                                "%-36s  %-12s  %-20s  %-36s  %-7s  %s%n",
                                key.id(),
                                key.keyName(),
                                orDash(key.keyAlias()),
                                orDash(key.teamId()),
                                key.blocked(),
                                key.expires() == null
                                        ? "-"
                                        : Instant.ofEpochMilli(key.expires()).toString());
                    }
                    if ((long) page * 100 >= found.totalCount()) {
                        return 0;
                    }
                }
            });
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Delete keys, named by the key (sk-…), its token or its alias; they stop working at once.")
    static final class KeysRevoke implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Parameters(arity = "1..*", paramLabel = "KEY", description = "sk-… key, token (hash) or alias.")
        List<String> named;

        @Override
        public Integer call() {
            List<String> keys = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            named.forEach(name -> (name.startsWith("sk-") || name.matches("[0-9a-f]{64}") ? keys : aliases).add(name));
            return store.run(admin -> {
                admin.keys().delete(keys, aliases);
                System.err.println("Revoked " + named.size() + " key(s).");
                return 0;
            });
        }
    }

    @Command(
            name = "teams",
            mixinStandardHelpOptions = true,
            description = "Create and list teams (as /team/* does); a team is a project.",
            subcommands = {TeamsCreate.class, TeamsList.class})
    static final class Teams extends Group {}

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a team; prints its id.")
    static final class TeamsCreate extends Create {

        @Option(names = "--team-id", description = "Its id (default: a new UUID).")
        String teamId;

        @Option(names = "--alias", description = "A name for the team.")
        String alias;

        @Option(
                names = "--adopt-default-project",
                description = "Give the team every object of the default project (what the master key made).")
        boolean adopt;

        @Override
        public Integer call() {
            TeamSettings settings = new TeamSettings(Patch.of(alias), limits.settings());
            return store.run(admin -> {
                Team team = admin.teams().create(Optional.ofNullable(teamId), settings);
                System.out.println(team.teamId());
                if (adopt) {
                    int moved = admin.teams().adoptDefaultProject(team.teamId());
                    System.err.println("Moved " + moved + " object(s) of the default project to the team.");
                }
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the teams.")
    static final class TeamsList implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            return store.run(admin -> {
                System.out.printf("%-36s  %-20s  %-7s  %s%n", "TEAM_ID", "ALIAS", "BLOCKED", "MODELS");
                for (Team team : admin.teams().list()) {
                    System.out.printf(
                            "%-36s  %-20s  %-7s  %s%n",
                            team.teamId(),
                            orDash(team.teamAlias()),
                            team.blocked(),
                            team.models().isEmpty() ? "all" : String.join(",", team.models()));
                }
                return 0;
            });
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
