package dev.assistants4j.server;

import dev.assistants4j.core.service.KeyService;
import dev.assistants4j.core.service.ProjectObjects;
import dev.assistants4j.core.service.TeamService;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;

/**
 * The services of the admin API and the {@code keys} / {@code teams} commands, over one store. Thread-safe.
 *
 * @param keys virtual keys
 * @param teams teams, which are projects
 */
record AdminServices(KeyService keys, TeamService teams) {

    /**
     * Wires the admin services.
     *
     * @param services the core services, through which a team's files and vector stores are deleted
     * @param changed called after each change of keys or teams (this node's cache of keys drops what it held)
     */
    static AdminServices wire(Stores stores, Services services, Clock clock, Runnable changed) {
        ProjectObjects objects = new ProjectObjects(
                stores.projects(), services.files(), services.vectorStores().vectorStores());
        return new AdminServices(
                new KeyService(stores.keys(), stores.teams(), clock, changed),
                new TeamService(stores.teams(), stores.keys(), objects, clock, changed));
    }
}
