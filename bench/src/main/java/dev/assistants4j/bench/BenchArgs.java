package dev.assistants4j.bench;

/** Command-line option values of the benchmarks, checked with a message that names the option. */
final class BenchArgs {

    private BenchArgs() {}

    /** {@code value}, or a failure saying that {@code option} needs one. */
    static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** {@code value} as an integer of at least 1. */
    static int positive(String option, String value) {
        int number = Integer.parseInt(required(option, value).trim());
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return number;
    }

    /** {@code value} as an integer of at least 0. */
    static int nonNegative(String option, String value) {
        int number = Integer.parseInt(required(option, value).trim());
        if (number < 0) {
            throw new IllegalArgumentException(option + " must be at least 0");
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
