package dev.assistants4j.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command-line options of a benchmark, given as {@code --name value}: each value is read with its default and
 * checked with a message that names the option. A later value of an option replaces an earlier one.
 */
final class BenchArgs {

    /** Where every benchmark makes its temporary data directory, unless told otherwise. */
    static final String DATA_DIR = "--data-dir";

    /** Each given option with its value (null when it came last, without one). */
    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code args}, refusing any option other than {@code known} and {@value #DATA_DIR}. */
    static BenchArgs parse(String[] args, String... known) {
        Set<String> options = Set.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!options.contains(args[i]) && !args[i].equals(DATA_DIR)) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: "
                        + String.join(
                                ", ",
                                Stream.concat(Stream.of(known), Stream.of(DATA_DIR))
                                        .toList()) + ")");
            }
            values.put(args[i], i + 1 < args.length ? args[i + 1] : null);
        }
        return new BenchArgs(values);
    }

    /** The integer of {@code option}, at least 1; {@code fallback} when it is not given. */
    int positive(String option, int fallback) {
        return values.containsKey(option) ? atLeast(1, option, values.get(option)) : fallback;
    }

    /** The integer of {@code option}, at least 0; {@code fallback} when it is not given. */
    int nonNegative(String option, int fallback) {
        return values.containsKey(option) ? atLeast(0, option, values.get(option)) : fallback;
    }

    /** The integer of {@code option}; {@code fallback} when it is not given. */
    long integer(String option, long fallback) {
        return values.containsKey(option)
                ? Long.parseLong(required(option, values.get(option)).trim())
                : fallback;
    }

    /** The comma-separated integers of {@code option}, each at least 1; {@code fallback} when it is not given. */
    List<Integer> positives(String option, List<Integer> fallback) {
        if (!values.containsKey(option)) {
            return fallback;
        }
        return Stream.of(required(option, values.get(option)).split(","))
                .map(value -> atLeast(1, option, value))
                .toList();
    }

    /** The text of {@code option}; {@code fallback} when it is not given. */
    String text(String option, String fallback) {
        return values.containsKey(option) ? required(option, values.get(option)) : fallback;
    }

    /** The directory under which the benchmark makes its data directory: {@value #DATA_DIR}, else the temp dir. */
    Path dataDirParent() {
        return Path.of(
                values.containsKey(DATA_DIR)
                        ? required(DATA_DIR, values.get(DATA_DIR))
                        : System.getProperty("java.io.tmpdir"));
    }

    /** {@code value}, or a failure saying that {@code option} needs one. */
    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** {@code value} as an integer of at least {@code min}. */
    private static int atLeast(int min, String option, String value) {
        int number = Integer.parseInt(required(option, value).trim());
        if (number < min) {
            throw new IllegalArgumentException(option + " must be at least " + min);
        }
        return number;
    }

    /** The integer after {@code name} in {@code args}, or {@code fallback} when it is not given. */
    static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
