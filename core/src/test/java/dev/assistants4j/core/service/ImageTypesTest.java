package dev.assistants4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTypesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "89504e470d0a1a0a0000000d, image/png",
        "ffd8ffe000104a4649460001, image/jpeg",
        "ffd8ffdb, image/jpeg",
        "474946383761, image/gif",
        "474946383961010001008000, image/gif",
        "52494646240000005745425056503820, image/webp"
    })
    void the_media_type_comes_from_the_magic_number(String hex, String mediaType) {
        // given the first bytes of a file of each format
        byte[] head = HexFormat.of().parseHex(hex);

        // when / then
        assertThat(ImageTypes.detect(head)).contains(mediaType);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "89504e470d0a1a", // a PNG signature cut short
        "ffd8", // a JPEG marker cut short
        "524946462400000057415645", // RIFF, but WAVE audio
        "474946383861", // GIF88a does not exist
        "25504446", // %PDF
        "''" // empty
    })
    void other_content_is_no_image(String hex) {
        assertThat(ImageTypes.detect(HexFormat.of().parseHex(hex))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not an image at all", "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    void text_is_no_image(String text) {
        assertThat(ImageTypes.detect(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
