package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes the turns of a conversation alternate, as Anthropic and Gemini require: empty turns are left out, adjacent
 * turns of one role are merged into one with the parts that answer tool calls first (both APIs want them there), and a
 * conversation that starts with the model gets a first user turn of a placeholder part ({@code "."}, as LiteLLM
 * sends). Stateless.
 */
final class Turns {

    /** One turn: a role in the API's words and its parts (blocks). */
    record Turn(String role, List<ObjectNode> parts) {
        Turn {
            parts = List.copyOf(parts);
        }
    }

    private Turns() {}

    /**
     * @param turns in conversation order; null entries (messages that are no turn) are skipped
     * @param userRole the API's name of the user role
     * @param answersCall true for the parts that answer a tool call (tool results, function responses)
     * @param placeholder the part of the user turn put first when the model speaks first
     */
    static List<Turn> alternating(
            List<Turn> turns, String userRole, Predicate<ObjectNode> answersCall, ObjectNode placeholder) {
        List<Turn> merged = new ArrayList<>();
        for (Turn turn : turns) {
            if (turn == null || turn.parts().isEmpty()) {
                continue;
            }
            if (!merged.isEmpty() && merged.getLast().role().equals(turn.role())) {
                merged.set(merged.size() - 1, merge(merged.getLast(), turn, answersCall));
            } else {
                merged.add(turn);
            }
        }
        if (!merged.isEmpty() && !merged.getFirst().role().equals(userRole)) {
            merged.addFirst(new Turn(userRole, List.of(placeholder)));
        }
        return merged;
    }

    private static Turn merge(Turn first, Turn next, Predicate<ObjectNode> answersCall) {
        List<ObjectNode> answers = new ArrayList<>();
        List<ObjectNode> others = new ArrayList<>();
        for (ObjectNode part : first.parts()) {
            (answersCall.test(part) ? answers : others).add(part);
        }
        for (ObjectNode part : next.parts()) {
            (answersCall.test(part) ? answers : others).add(part);
        }
        answers.addAll(others);
        return new Turn(first.role(), answers);
    }
}
