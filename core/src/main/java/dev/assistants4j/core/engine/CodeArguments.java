package dev.assistants4j.core.engine;

/**
 * Decodes the code of a code_interpreter call while its arguments stream in: the arguments are JSON
 * ({@code {"code": "…"}}) arriving in fragments, and clients are shown the Python text, so each fragment yields the
 * part of the {@code code} string it completes. Arguments that do not start with {@code {} are taken as raw code
 * (some models send the code itself to a tool named {@code python}). Not thread-safe.
 */
final class CodeArguments {

    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder key = new StringBuilder();
    private Mode mode = Mode.START;
    private int depth;
    private boolean inString;
    private boolean stringIsKey;
    private boolean emitting;
    private boolean expectKey;
    private String lastKey = "";
    private char heldHighSurrogate;

    private enum Mode {
        START,
        JSON,
        RAW
    }

    /** Takes the next fragment of the arguments and returns the code text it completes (possibly empty). */
    String accept(String fragment) {
        if (mode == Mode.RAW) {
            return fragment;
        }
        pending.append(fragment);
        if (mode == Mode.START) {
            String stripped = pending.toString().stripLeading();
            if (stripped.isEmpty()) {
                return "";
            }
            if (stripped.charAt(0) != '{') {
                mode = Mode.RAW;
                String all = pending.toString();
                pending.setLength(0);
                return all;
            }
            mode = Mode.JSON;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pending.length()) {
            int used = step(i, out);
            if (used == 0) {
                break; // an escape sequence split across fragments: wait for the rest
            }
            i += used;
        }
        pending.delete(0, i);
        return out.toString();
    }

    /** Consumes the character(s) at {@code i}; returns how many, or 0 when more input is needed. */
    private int step(int i, StringBuilder out) {
        char c = pending.charAt(i);
        if (!inString) {
            structural(c);
            return 1;
        }
        if (c == '"') {
            endString();
            return 1;
        }
        if (c != '\\') {
            character(c, out);
            return 1;
        }
        if (i + 1 >= pending.length()) {
            return 0;
        }
        char e = pending.charAt(i + 1);
        if (e == 'u') {
            if (i + 6 > pending.length()) {
                return 0;
            }
            try {
                character((char) Integer.parseInt(pending.substring(i + 2, i + 6), 16), out);
            } catch (NumberFormatException ignored) {
                // not valid JSON; the final parse decides
            }
            return 6;
        }
        character(
                switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e; // \" \\ \/
                },
                out);
        return 2;
    }

    private void structural(char c) {
        switch (c) {
            case '{', '[' -> {
                depth++;
                expectKey = depth == 1 && c == '{';
            }
            case '}', ']' -> depth--;
            case ',' -> expectKey = depth == 1;
            case ':' -> {
                if (depth == 1) {
                    expectKey = false;
                }
            }
            case '"' -> {
                inString = true;
                stringIsKey = depth == 1 && expectKey;
                emitting = depth == 1 && !expectKey && lastKey.equals("code");
                key.setLength(0);
            }
            default -> {}
        }
    }

    private void endString() {
        inString = false;
        if (stringIsKey) {
            lastKey = key.toString();
        }
        emitting = false;
    }

    private void character(char c, StringBuilder out) {
        if (stringIsKey) {
            key.append(c);
            return;
        }
        if (!emitting) {
            return;
        }
        if (Character.isHighSurrogate(c)) {
            heldHighSurrogate = c;
            return;
        }
        if (heldHighSurrogate != 0) {
            if (Character.isLowSurrogate(c)) {
                out.append(heldHighSurrogate);
            }
            heldHighSurrogate = 0;
        }
        out.append(c);
    }
}
