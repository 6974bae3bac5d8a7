package dev.assistants4j.retrieval.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small files of each type, built in memory. */
final class SampleFiles {

    private SampleFiles() {}

    /** A PDF with one page per entry, each page one line of text per paragraph, paragraphs far apart. */
    static byte[] pdf(List<List<String>> pages) {
        return written(out -> {
            try (PDDocument document = new PDDocument()) {
                PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                for (List<String> paragraphs : pages) {
                    PDPage page = new PDPage();
                    document.addPage(page);
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        float y = 700;
                        for (String paragraph : paragraphs) {
                            content.beginText();
                            content.setFont(font, 12);
                            content.newLineAtOffset(72, y);
                            content.showText(paragraph);
                            content.endText();
                            y -= 60;
                        }
                    }
                }
                document.save(out);
            }
        });
    }

    static byte[] docx(List<String> paragraphs) {
        return written(out -> {
            try (XWPFDocument document = new XWPFDocument()) {
                for (String paragraph : paragraphs) {
                    document.createParagraph().createRun().setText(paragraph);
                }
                document.write(out);
            }
        });
    }

    static byte[] pptx(List<String> slides) {
        return written(out -> {
            try (XMLSlideShow show = new XMLSlideShow()) {
                for (String text : slides) {
                    XSLFSlide slide = show.createSlide();
                    XSLFTextBox box = slide.createTextBox();
                    box.setText(text);
                }
                show.write(out);
            }
        });
    }

    static byte[] zip(String entryName, byte[] entry) {
        return written(out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(entry);
                zip.closeEntry();
                zip.finish();
            }
        });
    }

    /** Writes a file to a stream in memory. */
    @FunctionalInterface
    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The bytes {@code writer} writes. */
    private static byte[] written(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first bytes of a PNG image (signature and header chunk). */
    static byte[] png() {
        return bytes(
                0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8,
                6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82);
    }

    /** The start of a 64-bit ELF executable. */
    static byte[] elf() {
        byte[] bytes = new byte[256];
        byte[] header = bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0);
        System.arraycopy(header, 0, bytes, 0, header.length);
        bytes[16] = 2; // ET_EXEC
        bytes[18] = 0x3E; // x86-64
        return bytes;
    }

    /** A WAV file of silence. */
    static byte[] wav() {
        byte[] bytes = new byte[44 + 800];
        byte[] header = bytes(
                'R', 'I', 'F', 'F', 0x24, 0x03, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
                0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0, 'd', 'a', 't', 'a', 0x20, 0x03, 0, 0);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
