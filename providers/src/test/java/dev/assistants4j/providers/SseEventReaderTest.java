package dev.assistants4j.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    @Test
    void data_lines_of_one_event_are_joined_with_newlines() throws IOException {
        assertThat(read("data: first\ndata: second\n\ndata: third\n\n")).containsExactly("first\nsecond", "third");
    }

    @Test
    void comments_other_fields_and_empty_events_are_skipped() throws IOException {
        // given
        String stream = ": keep-alive\n\nevent: message\nid: 7\nretry: 1000\ndata: {\"a\":1}\n\n\n\nevent: ping\n\n";

        // then
        assertThat(read(stream)).containsExactly("{\"a\":1}");
    }

    @Test
    void only_one_space_after_the_colon_is_removed_and_none_is_required() throws IOException {
        assertThat(read("data:x\n\ndata:  two spaces\n\n")).containsExactly("x", " two spaces");
    }

    @Test
    void crlf_and_cr_line_endings_are_understood() throws IOException {
        assertThat(read("data: a\r\n\r\ndata: b\r\rdata: [DONE]\r\n\r\n")).containsExactly("a", "b", "[DONE]");
    }

    @Test
    void event_cut_off_by_the_end_of_the_stream_is_dropped_unless_it_is_done() throws IOException {
        assertThat(read("data: a\n\ndata: {\"trunc")).containsExactly("a");
        assertThat(read("data: a\n\ndata: [DONE]")).containsExactly("a", "[DONE]");
    }

    private static List<String> read(String stream) throws IOException {
        SseEventReader reader = new SseEventReader(new BufferedReader(new StringReader(stream)));
        List<String> events = new ArrayList<>();
        String data;
        while ((data = reader.next()) != null) {
            events.add(data);
        }
        return events;
    }
}
