package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeExecution;
import java.nio.charset.StandardCharsets;

/** The logs of one execution, kept up to a number of UTF-8 bytes; what is beyond is only counted. */
final class Logs {

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long kept;
    private long total;

    Logs(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    void append(String chunk) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        total += bytes.length;
        long room = maxBytes - kept;
        if (bytes.length <= room) {
            text.append(chunk);
            kept += bytes.length;
        } else if (room > 0) {
            int cut = (int) room;
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) cut--; // not inside a UTF-8 sequence
            text.append(new String(bytes, 0, cut, StandardCharsets.UTF_8));
            kept += cut;
        }
    }

    /** What the driver counted in all (it stops sending past the cap). */
    void total(long count) {
        total = Math.max(total, count);
    }

    boolean truncated() {
        return total > kept;
    }

    String text() {
        if (!truncated()) return text.toString();
        return text + "\n" + CodeExecution.TRUNCATION_MARKER + " " + (total - kept) + " more bytes not shown]\n";
    }
}
