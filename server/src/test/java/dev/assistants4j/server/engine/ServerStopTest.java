package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.ServerProcess;
import dev.assistants4j.testkit.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SIGTERM stops a busy server in bounded time, and the next start ends what it left unfinished. */
class ServerStopTest extends RestartingServers {

    /** The server halts 20 s after a stop began if something does not close; a margin for a loaded machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    @Test
    void sigterm_stops_a_server_whose_run_streams_and_the_restart_ends_the_run() {
        // given a run whose model stream hangs, followed by a streaming client
        upstream.enqueue(Reply.hangUntilClosed(Duration.ofMinutes(5)));
        String thread;
        String run;
        try (ServerProcess server = start()) {
            RunHttp http = new RunHttp(server.baseUrl());
            String assistant = http.createAssistant();
            thread = http.createThread("Tell me a long story.");
            http.postAsync("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");
            RunHttp.awaitTrue("the model was called", () -> upstream.requestCount() == 1);
            run = http.awaitNewestRun(thread);
            assertThat(server.log())
                    .as("the start-up log is to the point")
                    .doesNotContain(
                            "CUDA", "Java vector incubator API enabled", "incubator module is not readable", "ERROR");

            // when
            server.terminate();

            // then
            assertThat(server.awaitExit(STOP_BOUND))
                    .as("exit after SIGTERM; log:%n%s", server.log())
                    .isPresent();
        }
        try (ServerProcess restarted = start()) {
            RunHttp http = new RunHttp(restarted.baseUrl());
            assertThat(http.run(thread, run).get("status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void sigterm_stops_a_server_whose_code_is_running_and_leaves_no_sandbox_behind() {
        // given a run whose code sleeps for ten minutes
        upstream.enqueue(Reply.toolCalls(CodeInterpreterRunTest.codeCall("import time\ntime.sleep(600)")));
        try (ServerProcess server = start()) {
            RunHttp http = new RunHttp(server.baseUrl());
            String thread = http.createThread("Wait a while.");
            String run = http.startRun(thread, http.createAssistant("[{'type':'code_interpreter'}]"))
                    .get("id")
                    .asText();
            RunHttp.awaitTrue(
                    "the code runs",
                    () -> !http.steps(thread, run).isEmpty()
                            && http.steps(thread, run)
                                    .getFirst()
                                    .get("type")
                                    .asText()
                                    .equals("tool_calls"));
            List<ProcessHandle> sandboxes =
                    ProcessHandle.of(server.pid()).orElseThrow().descendants().toList();
            assertThat(sandboxes).as("the sandbox's processes").isNotEmpty();

            // when
            server.terminate();

            // then the server and every process of its sandboxes are gone
            assertThat(server.awaitExit(STOP_BOUND))
                    .as("exit after SIGTERM; log:%n%s", server.log())
                    .isPresent();
            RunHttp.awaitTrue(
                    "the sandbox processes ended", () -> sandboxes.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private ServerProcess start() {
        return ServerProcess.start(servers.dataDir(), ServerProcess.routingTo(upstream.baseUrl()), List.of());
    }
}
