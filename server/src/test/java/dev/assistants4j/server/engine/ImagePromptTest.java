package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.engine.RunHttp.Response;
import dev.assistants4j.testkit.Reply;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user message's {@code image_file} parts reach the model as {@code image_url} parts with a data URL of the file's
 * bytes, and a part naming a missing or non-image file is refused when the message is created.
 */
class ImagePromptTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream();

    @Test
    void a_png_image_file_reaches_the_model_as_a_data_url_with_its_detail() {
        // given a PNG uploaded for vision, in a user message with detail low
        byte[] png = image("png");
        String fileId = server.runHttp().upload("chart.png", png, "vision");
        String thread = threadWith("{'type':'text','text':'What is this?'},"
                + "{'type':'image_file','image_file':{'file_id':'" + fileId + "','detail':'low'}}");
        server.upstream().enqueue(Reply.text("A red square."));

        // when a run is made
        JsonNode run = runToEnd(thread);

        // then the model got the text and the image's exact bytes as a data URL, with the detail
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("completed");
        assertThat(userContent(0))
                .isEqualTo(parse("[{\"type\":\"text\",\"text\":\"What is this?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png) + "\",\"detail\":\"low\"}}]"));
    }

    @Test
    void a_jpeg_is_sent_as_image_jpeg_whatever_its_file_name_says() {
        // given a JPEG uploaded for assistants under a .png name, without a detail
        byte[] jpeg = image("jpeg");
        String fileId = server.runHttp().upload("photo.png", jpeg, "assistants");
        String thread = threadWith("{'type':'image_file','image_file':{'file_id':'" + fileId + "'}}");
        server.upstream().enqueue(Reply.text("A photo."));

        // when a run is made
        JsonNode run = runToEnd(thread);

        // then its media type comes from its bytes, and no detail is sent
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("completed");
        assertThat(userContent(0))
                .isEqualTo(parse("[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,"
                        + Base64.getEncoder().encodeToString(jpeg) + "\"}}]"));
    }

    @Test
    void an_unknown_image_file_is_a_404_naming_the_part_wherever_messages_are_created() {
        // given a file id the project does not have
        String part = "{'type':'text','text':'hi'},{'type':'image_file','image_file':{'file_id':'file-nope'}}";
        String thread = server.runHttp().createThread("Hello");

        // when a message, a thread and a run's additional message name it
        Response message =
                server.runHttp().post("/threads/" + thread + "/messages", "{'role':'user','content':[" + part + "]}");
        Response threadCreate =
                server.runHttp().post("/threads", "{'messages':[{'role':'user','content':[" + part + "]}]}");
        Response runCreate = server.runHttp()
                .createRun(
                        thread,
                        server.runHttp().createAssistant(),
                        "'additional_messages':[{'role':'user','content':[" + part + "]}]");

        // then each is a 404 whose param is the part's file_id, and nothing reached the model
        assertNotFound(message, "content[1].image_file.file_id");
        assertNotFound(threadCreate, "messages[0].content[1].image_file.file_id");
        assertNotFound(runCreate, "additional_messages[0].content[1].image_file.file_id");
        assertThat(server.runHttp().messages(thread)).hasSize(1);
        assertThat(server.upstream().requestCount()).isZero();
    }

    @Test
    void a_file_that_is_not_an_image_is_a_400_naming_the_part() {
        // given a text file named like an image
        String fileId = server.runHttp().upload("fake.png", "not an image".getBytes(StandardCharsets.UTF_8), "vision");
        String thread = server.runHttp().createThread("Hello");

        // when a message names it as an image
        Response response = server.runHttp()
                .post(
                        "/threads/" + thread + "/messages",
                        "{'role':'user','content':[{'type':'image_file','image_file':{'file_id':'" + fileId + "'}}]}");

        // then it is refused, naming the part, and not stored
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error().get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(response.error().get("param").asText()).isEqualTo("content[0].image_file.file_id");
        assertThat(response.error().get("message").asText()).contains(fileId).contains("PNG, JPEG, GIF or WebP");
        assertThat(server.runHttp().messages(thread)).hasSize(1);
    }

    @Test
    void an_image_deleted_after_its_message_was_created_becomes_a_note_to_the_model() {
        // given a message whose image file was deleted afterwards
        String fileId = server.runHttp().upload("gone.png", image("png"), "vision");
        String thread = threadWith(
                "{'type':'text','text':'Look.'}," + "{'type':'image_file','image_file':{'file_id':'" + fileId + "'}}");
        assertThat(server.runHttp().delete("/files/" + fileId).status()).isEqualTo(200);
        server.upstream().enqueue(Reply.text("I cannot see it."));

        // when a run is made
        JsonNode run = runToEnd(thread);

        // then the run completes, and the model is told the image is gone instead of getting it
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("completed");
        assertThat(userContent(0))
                .isEqualTo(parse("[{\"type\":\"text\",\"text\":\"Look.\"},{\"type\":\"text\",\"text\":"
                        + "\"[The image file " + fileId + " does not exist.]\"}]"));
    }

    private String threadWith(String parts) {
        return RunHttp.ok(server.runHttp().post("/threads", "{'messages':[{'role':'user','content':[" + parts + "]}]}"))
                .get("id")
                .asText();
    }

    /** Creates a run of a new assistant on {@code thread} and waits until it ends. */
    private JsonNode runToEnd(String thread) {
        return server.runHttp().finishedRun(thread, server.runHttp().createAssistant(), "");
    }

    /** The content of the first user message of the {@code request}-th upstream request. */
    private JsonNode userContent(int request) {
        List<JsonNode> users = server.upstream()
                .requests()
                .get(request)
                .body()
                .get("messages")
                .valueStream()
                .filter(message -> message.get("role").asText().equals("user"))
                .toList();
        assertThat(users).isNotEmpty();
        return users.getFirst().get("content");
    }

    private static void assertNotFound(Response response, String param) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.error().get("param").asText()).isEqualTo(param);
        assertThat(response.error().get("message").asText()).isEqualTo("No file found with id 'file-nope'.");
    }

    /** A real 2x2 image in {@code format} (png or jpeg), written by ImageIO. */
    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.RED.getRGB());
        image.setRGB(1, 1, Color.BLUE.getRGB());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, bytes)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
