package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * code_interpreter on two nodes of one PostgreSQL database, each with a sandbox of its own: a thread's session lives on
 * the node that ran its code; a run of the thread on another node starts a session there with the thread's files
 * placed again from the shared file store, and without the first session's variables.
 */
class PostgresCodeInterpreterTest {

    @TempDir
    Path dir;

    private final FakeUpstream upstream = FakeUpstream.start();
    private final TestPostgres database = TestPostgres.create();
    private final CodeInterpreter sandboxA = SharedSandbox.withTimeout(Duration.ofSeconds(30));
    private final CodeInterpreter sandboxB = SharedSandbox.withTimeout(Duration.ofSeconds(30));

    @AfterEach
    void close() {
        sandboxA.close();
        sandboxB.close();
        upstream.close();
        database.close();
    }

    @Test
    void a_run_on_another_node_finds_the_threads_files_but_not_the_variables_of_the_first_session() {
        upstream.enqueue(
                Reply.toolCalls(CodeInterpreterRunTest.codeCall(
                        "x = 41\nprint(open('/mnt/data/data.csv').read().strip(), x + 1)")),
                Reply.text("Done on a."),
                Reply.toolCalls(CodeInterpreterRunTest.codeCall(
                        "print(open('/mnt/data/data.csv').read().strip(), 'x' in globals())")),
                Reply.text("Done on b."));
        try (AssistantsServer a = node("a", sandboxA);
                AssistantsServer b = node("b", sandboxB)) {
            RunHttp onA = new RunHttp(a);
            RunHttp onB = new RunHttp(b);
            String file = onA.upload("data.csv", "a,b\n1,2".getBytes(StandardCharsets.UTF_8), "assistants");
            String assistant = RunHttp.ok(onA.post(
                            "/assistants",
                            "{'model':'gpt-4o','tools':[{'type':'code_interpreter'}],"
                                    + "'tool_resources':{'code_interpreter':{'file_ids':['" + file + "']}}}"))
                    .get("id")
                    .asText();
            String thread = onA.createThread("Read the CSV.");

            String first = onA.completedRun(thread, assistant, "");
            onA.addMessage(thread, "Again, elsewhere.");
            String second = onB.completedRun(thread, assistant, "");

            assertThat(logs(onB, thread, first)).isEqualTo("a,b\n1,2 42\n");
            assertThat(logs(onB, thread, second)).isEqualTo("a,b\n1,2 False\n");
            assertThat(sandboxA.openSessions()).isEqualTo(1);
            assertThat(sandboxB.openSessions()).isEqualTo(1);
        }
    }

    private static String logs(RunHttp http, String thread, String run) {
        List<JsonNode> steps = http.steps(thread, run);
        return steps.stream()
                .map(step -> step.at("/step_details/tool_calls/0/code_interpreter/outputs/0/logs"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no logs in " + steps));
    }

    private AssistantsServer node(String name, CodeInterpreter sandbox) {
        TestServer.Setup setup = EngineTestSupport.setup(dir.resolve(name), upstream);
        return TestServer.start(TestServer.Setup.of(
                        dir.resolve(name),
                        setup.config()
                                .withDatabase(
                                        DatabaseConfig.postgres(database.url()).withPoolLimit(4)))
                .withEngine(setup.engine())
                .withCode(() -> sandbox));
    }
}
