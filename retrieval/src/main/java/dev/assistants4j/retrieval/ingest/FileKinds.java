package dev.assistants4j.retrieval.ingest;

import java.util.Locale;
import java.util.Set;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Which files file_search reads, and how: plain text read directly, documents parsed by Tika, everything else refused.
 * Immutable, thread-safe.
 */
final class FileKinds {

    /** How a file is read. */
    enum Kind {
        /** Read as characters: plain text, markdown, csv, json, source code. */
        TEXT,
        /** Parsed by Tika: pdf, office documents, html, xml, rtf, epub. */
        DOCUMENT,
        /** Refused: images, audio, video, archives, executables, unknown binaries. */
        UNSUPPORTED
    }

    /**
     * Extensions of text files (source code, markup, data, config). Their name wins over Tika's guess when the content
     * looks like text: Tika would take a {@code .ts} file for an MPEG transport stream, for example.
     */
    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "txt",
            "text",
            "md",
            "markdown",
            "mdx",
            "rst",
            "adoc",
            "asciidoc",
            "org",
            "tex",
            "bib",
            "log",
            "csv",
            "tsv",
            "json",
            "jsonl",
            "ndjson",
            "yaml",
            "yml",
            "toml",
            "ini",
            "cfg",
            "conf",
            "properties",
            "env",
            "java",
            "kt",
            "kts",
            "scala",
            "groovy",
            "gradle",
            "clj",
            "py",
            "pyi",
            "ipynb",
            "rb",
            "php",
            "pl",
            "pm",
            "lua",
            "r",
            "jl",
            "js",
            "mjs",
            "cjs",
            "jsx",
            "ts",
            "mts",
            "cts",
            "tsx",
            "vue",
            "svelte",
            "css",
            "scss",
            "sass",
            "less",
            "c",
            "h",
            "cc",
            "cpp",
            "cxx",
            "hpp",
            "hh",
            "hxx",
            "m",
            "mm",
            "cs",
            "fs",
            "vb",
            "go",
            "rs",
            "swift",
            "dart",
            "zig",
            "nim",
            "ex",
            "exs",
            "erl",
            "hrl",
            "hs",
            "ml",
            "mli",
            "elm",
            "sh",
            "bash",
            "zsh",
            "fish",
            "ps1",
            "bat",
            "cmd",
            "sql",
            "graphql",
            "gql",
            "proto",
            "thrift",
            "tf",
            "hcl",
            "cmake",
            "mk",
            "dockerfile",
            "diff",
            "patch",
            "srt",
            "vtt");

    /** Text types Tika does not file under {@code text/plain}. */
    private static final Set<MediaType> TEXT_TYPES = Set.of(
            MediaType.application("json"),
            MediaType.application("javascript"),
            MediaType.application("x-sh"),
            MediaType.application("x-tex"),
            MediaType.application("x-yaml"),
            MediaType.application("sql"),
            MediaType.application("x-httpd-php"),
            MediaType.application("x-subrip"));

    /** Types handed to Tika's parsers (with their aliases and specialisations). */
    private static final Set<MediaType> DOCUMENT_TYPES = Set.of(
            MediaType.application("pdf"),
            MediaType.application("msword"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.template"),
            MediaType.application("vnd.ms-word.document.macroenabled.12"),
            MediaType.application("vnd.ms-powerpoint"),
            MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation"),
            MediaType.application("vnd.openxmlformats-officedocument.presentationml.slideshow"),
            MediaType.application("vnd.ms-powerpoint.presentation.macroenabled.12"),
            MediaType.application("vnd.ms-excel"),
            MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            MediaType.application("vnd.oasis.opendocument.text"),
            MediaType.application("vnd.oasis.opendocument.presentation"),
            MediaType.application("vnd.oasis.opendocument.spreadsheet"),
            MediaType.application("rtf"),
            MediaType.application("epub+zip"),
            MediaType.text("html"),
            MediaType.application("xhtml+xml"),
            MediaType.application("xml"));

    private final MediaTypeRegistry registry;

    FileKinds(MediaTypeRegistry registry) {
        this.registry = registry;
    }

    /** Whether the file's name ends with the extension of a text format. */
    static boolean hasTextExtension(String filename) {
        return TEXT_EXTENSIONS.contains(extension(filename));
    }

    /** How a file of the detected type is read. */
    Kind kindOf(MediaType detected) {
        MediaType type = registry.normalize(detected.getBaseType());
        if (isA(type, DOCUMENT_TYPES) && !isImage(type)) {
            return Kind.DOCUMENT;
        }
        if (registry.isInstanceOf(type, MediaType.TEXT_PLAIN) || isA(type, TEXT_TYPES)) {
            return Kind.TEXT;
        }
        return Kind.UNSUPPORTED;
    }

    /**
     * Whether a type detected from the content alone (no name) allows the file to be text: a text or markup type, or
     * no recognisable type at all. A file named {@code x.ts} whose bytes start like a PDF is a PDF.
     */
    boolean mayBeText(MediaType byContent) {
        MediaType type = registry.normalize(byContent.getBaseType());
        return type.equals(MediaType.OCTET_STREAM)
                || type.getType().equals("text")
                || registry.isInstanceOf(type, MediaType.APPLICATION_XML)
                || kindOf(type) == Kind.TEXT;
    }

    private boolean isA(MediaType type, Set<MediaType> types) {
        for (MediaType candidate : types) {
            if (registry.isInstanceOf(type, registry.normalize(candidate))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImage(MediaType type) {
        return type.getType().equals("image"); // image/svg+xml is XML, but not a document
    }

    private static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        if (name.equalsIgnoreCase("dockerfile") || name.equalsIgnoreCase("makefile")) {
            return name.toLowerCase(Locale.ROOT).equals("makefile") ? "mk" : "dockerfile";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
