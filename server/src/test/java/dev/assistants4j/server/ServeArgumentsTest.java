package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@link ServeArguments} sets every option as picocli does, or leaves the line to picocli. */
class ServeArgumentsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--port 0",
                "--port=9090 --host 0.0.0.0",
                "--data-dir /tmp/a4j --config conf/config.yaml --port 18080",
                "--database-url postgresql://postgres@127.0.0.1:5432/db --max-request-bytes 1024",
                "--max-request-bytes=9007199254740993 --data-dir=./data2 --host=::1",
                "--port +80",
                "--port 080",
            })
    void sets_every_option_as_picocli_does(String line) throws IllegalAccessException {
        // given
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        // when
        Optional<Main.Serve> fast = ServeArguments.parse(args);
        Main.Serve picocli = new Main.Serve();
        new CommandLine(picocli).parseArgs(args);

        // then
        assertThat(fast).as("taken by the short way").isPresent();
        assertThat(values(fast.get())).isEqualTo(values(picocli)).hasSize(ServeArguments.NAMES.size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "-h",
                "--version",
                "--port",
                "--port abc",
                "--port 99999999999",
                "--port=",
                "--port 1 --port 2",
                "--bogus 1",
                "--host -x",
                "@args.txt",
                "--",
                "-- --port 1",
                "--data-dir a\u0000b",
            })
    void leaves_anything_else_to_picocli(String line) {
        assertThat(ServeArguments.parse(line.split(" "))).isEmpty();
    }

    @Test
    void knows_every_option_of_serve() {
        assertThat(ServeArguments.NAMES)
                .containsExactlyInAnyOrderElementsOf(options().stream()
                        .flatMap(field ->
                                Arrays.stream(field.getAnnotation(Option.class).names()))
                        .toList());
    }

    /** Every option's field, as picocli's annotations name them. */
    private static Map<String, Object> values(Main.Serve serve) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : options()) {
            values.put(field.getName(), field.get(serve));
        }
        return values;
    }

    private static List<Field> options() {
        return Arrays.stream(Main.Serve.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(Option.class))
                .toList();
    }
}
