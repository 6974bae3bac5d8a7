package dev.assistants4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.code.CodeExecution;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code of a code_interpreter call, decoded from its JSON arguments while they stream in. */
class CodeArgumentsTest {

    @Test
    void every_split_of_the_arguments_decodes_to_the_code() {
        String code = "s = \"a\\tb\" + 'é' + '\uD83D\uDE00'\nprint(s, 1 / 2)  # done\\";
        String arguments =
                Json.MAPPER.createObjectNode().put("code", code).toString().replace("é", "\\u00e9");
        for (int size = 1; size <= 9; size++) {
            CodeArguments decoder = new CodeArguments();
            StringBuilder decoded = new StringBuilder();
            for (int i = 0; i < arguments.length(); i += size) {
                String piece = decoder.accept(arguments.substring(i, Math.min(arguments.length(), i + size)));
                assertThat(piece).as("no lone surrogate").doesNotEndWith("\uD83D");
                decoded.append(piece);
            }
            assertThat(decoded.toString()).as("fragments of %d", size).isEqualTo(code);
        }
    }

    @Test
    void only_the_code_field_is_shown_and_other_fields_are_skipped() {
        CodeArguments decoder = new CodeArguments();

        String decoded = decoder.accept("{\"lang\": \"py\", \"opts\": {\"code\": \"no\"}, ")
                + decoder.accept("\"code\" : \"x = [1, {\\\"a\\\": 2}]\"}");

        assertThat(decoded).isEqualTo("x = [1, {\"a\": 2}]");
    }

    @Test
    void arguments_that_are_not_json_are_raw_code() {
        CodeArguments decoder = new CodeArguments();

        assertThat(decoder.accept("  ") + decoder.accept("print(1)") + decoder.accept("\n{}"))
                .isEqualTo("  print(1)\n{}");
        assertThat(CodeInterpreterTools.code("print(1)")).contains("print(1)");
    }

    @Test
    void the_final_code_comes_from_code_input_or_python_and_is_empty_without() {
        assertThat(CodeInterpreterTools.code("{\"code\":\"a\"}")).contains("a");
        assertThat(CodeInterpreterTools.code("{\"input\":\"b\"}")).contains("b");
        assertThat(CodeInterpreterTools.code("{\"python\":\"c\"}")).contains("c");
        assertThat(CodeInterpreterTools.code("{\"query\":\"d\"}")).isEmpty();
        assertThat(CodeInterpreterTools.code("{\"code\":")).isEmpty();
        assertThat(CodeInterpreterTools.code("")).isEmpty();
    }

    @Test
    void the_logs_end_with_the_error_unless_a_traceback_already_does() {
        CodeExecution timedOut = new CodeExecution(
                CodeExecution.Status.TIMED_OUT,
                "start\n",
                false,
                Optional.of("Execution timed out after 1 s."),
                List.of(),
                Duration.ofSeconds(1));
        CodeExecution failed = new CodeExecution(
                CodeExecution.Status.FAILED,
                "Traceback (most recent call last):\nZeroDivisionError: division by zero\n",
                false,
                Optional.of("ZeroDivisionError: division by zero"),
                List.of(),
                Duration.ZERO);

        assertThat(CodeInterpreterTools.logs(timedOut)).isEqualTo("start\nExecution timed out after 1 s.");
        assertThat(CodeInterpreterTools.logs(failed)).isEqualTo(failed.logs());
        assertThat(CodeInterpreterTools.result("", List.of("a.csv"), 2))
                .isEqualTo("(no output)\n\nFiles written to /mnt/data: sandbox:/mnt/data/a.csv\n\n2 images were shown"
                        + " to the user.");
    }

    @Test
    void a_clashing_input_file_name_gets_the_file_id() {
        assertThat(CodeInputs.renamed("data.csv", "file-abc")).isEqualTo("data_file-abc.csv");
        assertThat(CodeInputs.renamed("README", "file-abc")).isEqualTo("README_file-abc");
    }
}
