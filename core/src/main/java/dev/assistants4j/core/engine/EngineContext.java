package dev.assistants4j.core.engine;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What run execution needs, shared by every run. Thread-safe.
 *
 * @param files stores what code_interpreter calls produce and reads their input files and the images of prompts
 * @param access the gate each model call passes and the key each run charges
 */
record EngineContext(
        Stores stores,
        ModelRouter router,
        RunEvents events,
        RunStates states,
        RunExpiry expiry,
        FileSearch fileSearch,
        CodeInterpreterSource code,
        FileService files,
        Clock clock,
        EngineSettings settings,
        AtomicBoolean stopping,
        RunAccess access) {

    /** Throws {@link EngineStopped} when the engine is shutting down. */
    void checkRunning() {
        if (stopping.get()) {
            throw new EngineStopped();
        }
    }

    /**
     * This context as one execution of a run holding {@code fence} sees it: its stores and run states write through
     * {@link Stores#fenced}, so that once another node took the run over, its writes are refused.
     */
    EngineContext fenced(Fence fence) {
        Stores fencedStores = stores.fenced(fence);
        return new EngineContext(
                fencedStores,
                router,
                events,
                states.writingThrough(fencedStores),
                expiry,
                fileSearch,
                code,
                files,
                clock,
                settings,
                stopping,
                access);
    }

    /** Reads the files of image_file parts for prompts. */
    ImageFiles images() {
        return new ImageFiles(files);
    }

    long now() {
        return clock.instant().getEpochSecond();
    }
}
