package dev.assistants4j.core.engine;

import java.util.regex.Matcher;

/**
 * Holds back streamed text that may be the start of a citation marker until the marker closes or proves not to be
 * one, so that no marker is split across two deltas. Text without {@code 【} passes through at once. Not
 * thread-safe.
 */
final class MarkerBuffer {

    private final StringBuilder pending = new StringBuilder();

    /** The text that can go out now, possibly empty. */
    String accept(String fragment) {
        if (pending.isEmpty() && fragment.indexOf('【') < 0) {
            return fragment;
        }
        pending.append(fragment);
        return drain(false);
    }

    /** Everything held back; call when the text ends. */
    String flush() {
        return drain(true);
    }

    private String drain(boolean end) {
        StringBuilder ready = new StringBuilder();
        int from = 0;
        while (true) {
            int open = pending.indexOf("【", from);
            if (open < 0) {
                ready.append(pending, from, pending.length());
                pending.setLength(0);
                return ready.toString();
            }
            ready.append(pending, from, open);
            Matcher marker = Citations.MARKER.matcher(pending).region(open, pending.length());
            if (marker.lookingAt()) {
                ready.append(pending, open, marker.end());
                from = marker.end();
            } else if (marker.hitEnd() && !end) {
                pending.delete(0, open);
                return ready.toString();
            } else {
                ready.append('【');
                from = open + 1;
            }
        }
    }
}
