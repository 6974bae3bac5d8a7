package dev.assistants4j.core.code;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one execution of code produced: everything here is meant for the model to see.
 *
 * @param status how it ended
 * @param logs stdout and stderr interleaved in the order they were written (a traceback included), followed by the
 *     {@code repr} of the value of a final expression as a Python REPL prints it. At most
 *     {@link CodeInterpreterSettings#maxOutputBytes()} bytes of UTF-8; when more was written, the logs end with
 *     {@link #TRUNCATION_MARKER} and the number of bytes left out
 * @param truncated whether output was left out
 * @param error for any status but {@link Status#COMPLETED}: a one-line description, such as
 *     {@code ZeroDivisionError: division by zero} or the timeout and the lost state
 * @param files files created or changed in {@code /mnt/data}, then images of figures, in the order they were shown
 * @param duration the wall time of the execution
 */
public record CodeExecution(
        Status status,
        String logs,
        boolean truncated,
        Optional<String> error,
        List<OutputFile> files,
        Duration duration) {

    /** Starts the line appended to truncated logs. */
    public static final String TRUNCATION_MARKER = "[output truncated:";

    public CodeExecution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(duration, "duration");
        files = List.copyOf(files);
        if ((status == Status.COMPLETED) != error.isEmpty()) {
            throw new IllegalArgumentException("an error message goes with every status but COMPLETED");
        }
    }

    /** True when the code did not run to its end. */
    public boolean failed() {
        return status != Status.COMPLETED;
    }

    /** How an execution ended. */
    public enum Status {
        /** The code ran to its end. */
        COMPLETED,
        /** The code raised an exception (its traceback is in the logs); the session and its state live on. */
        FAILED,
        /**
         * The code ran out of its wall time: the session was killed, so its variables and imports are lost; files in
         * {@code /mnt/data} are kept and the next execution starts a fresh interpreter.
         */
        TIMED_OUT,
        /**
         * The interpreter died (killed for its memory, or the code ended the process); as for a timeout, its state is
         * lost, the files are kept and the next execution starts a fresh interpreter.
         */
        CRASHED,
        /**
         * The calling thread was interrupted (a cancelled run): as for a timeout, the interpreter was killed and its
         * state is lost, the files are kept.
         */
        CANCELLED,
        /** The code was not run: the interpreter was closed, or all sessions were busy. */
        REJECTED
    }
}
