package dev.assistants4j.core.store;

/**
 * A write made through {@link Stores#fenced} was refused, nothing of it stored: the lease of its {@link Fence}
 * passed to another holder (another node took the run over while this one was paused or cut off). The writer stops
 * its work on the run quietly; the new holder owns it now.
 */
public final class FencedOffException extends RuntimeException {

    public FencedOffException(Fence fence) {
        super("The lease of " + fence.key() + " passed to another holder: the write was refused");
    }
}
