package dev.assistants4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseEventStreamTest {

    private static List<ServerSentEvent> read(String text) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ServerSentEvent> read(InputStream body) {
        List<ServerSentEvent> events = new ArrayList<>();
        try (var stream = new SseEventStream(body)) {
            for (Optional<ServerSentEvent> event = stream.next(); event.isPresent(); event = stream.next()) {
                events.add(event.get());
            }
        }
        return events;
    }

    @Test
    void lone_cr_line_ends_a_bom_and_unknown_fields_are_tolerated() {
        assertThat(read("\uFEFFevent: a\rdata: 1\rretry: 10\rid: x\r\revent:b\r\ndata\r\n\r\n"))
                .containsExactly(new ServerSentEvent("a", "1"), new ServerSentEvent("b", ""));
    }

    @Test
    void an_event_name_without_data_is_not_dispatched_and_does_not_leak_into_the_next() {
        assertThat(read("event: ping\n\ndata: {}\n\n")).containsExactly(new ServerSentEvent("message", "{}"));
    }

    @Test
    void only_one_space_after_the_colon_is_dropped() {
        assertThat(read("data:  indented\ndata:\n\n")).containsExactly(new ServerSentEvent("message", " indented\n"));
    }

    @Test
    void a_done_event_without_data_ends_the_stream() {
        assertThat(read("data: 1\n\nevent: done\n\ndata: 2\n\n")).containsExactly(new ServerSentEvent("message", "1"));
    }

    @Test
    void an_unfinished_last_event_is_dropped_at_the_end_of_the_body() {
        assertThat(read("data: 1\n\ndata: {\"cut")).containsExactly(new ServerSentEvent("message", "1"));
    }

    @Test
    void multibyte_text_split_across_reads_stays_whole() {
        byte[] bytes = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at >= bytes.length) {
                    return -1;
                }
                buffer[offset] = bytes[at++];
                return 1;
            }
        };
        assertThat(read(oneByteAtATime)).containsExactly(new ServerSentEvent("message", "héllo ✓"));
    }

    @Test
    void a_broken_body_is_a_connection_exception_but_not_after_close() {
        var closed = new boolean[1];
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        var stream = new SseEventStream(broken);
        assertThatThrownBy(stream::next)
                .isInstanceOf(ApiConnectionException.class)
                .hasMessageContaining("connection reset");
        assertThat(closed[0]).as("the body is closed once it broke").isTrue();
        assertThat(stream.next()).isEmpty();
    }
}
