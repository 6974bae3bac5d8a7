package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the run's code_interpreter calls produced that the next assistant message shows: the images shown since the
 * last message (they become {@code image_file} parts before its text, as OpenAI did), and the files written, whose
 * {@code sandbox:/mnt/data/<name>} links in the text become {@code file_path} annotations. Immutable.
 */
final class CodeResults {

    /** A link to a file in the sandbox; the name ends before whitespace, quotes, brackets or a closing parenthesis. */
    private static final Pattern LINK =
            Pattern.compile(Pattern.quote(CodeInterpreterTools.LINK_PREFIX) + "[^\\s()\\[\\]<>\"'`]+");

    static final CodeResults NONE = new CodeResults(List.of(), Map.of());

    private final List<String> pendingImages;
    private final Map<String, String> files;

    private CodeResults(List<String> pendingImages, Map<String, String> files) {
        this.pendingImages = pendingImages;
        this.files = files;
    }

    /** From the run's steps so far, oldest first. */
    static CodeResults of(List<RunStep> steps) {
        List<String> images = new ArrayList<>();
        Map<String, String> files = new HashMap<>();
        for (RunStep step : steps) {
            switch (step.stepDetails()) {
                case StepDetails.MessageCreation creation -> images.clear();
                case StepDetails.ToolCalls calls -> {
                    for (StepToolCall call : calls.toolCalls()) {
                        if (call instanceof StepToolCall.CodeInterpreter code && code.trace() != null) {
                            code.codeInterpreter().outputs().stream()
                                    .filter(StepToolCall.ImageOutput.class::isInstance)
                                    .map(output -> ((StepToolCall.ImageOutput) output)
                                            .image()
                                            .fileId())
                                    .forEach(images::add);
                            code.trace().files().forEach(file -> files.put(file.name(), file.fileId()));
                        }
                    }
                }
            }
        }
        return images.isEmpty() && files.isEmpty() ? NONE : new CodeResults(List.copyOf(images), Map.copyOf(files));
    }

    /** The file ids of the images the next message starts with. */
    List<String> pendingImages() {
        return pendingImages;
    }

    /** The file_path annotations of the links in {@code text} to files the run's code wrote; code point indexes. */
    List<FilePathAnnotation> filePaths(String text) {
        if (files.isEmpty() || !text.contains(CodeInterpreterTools.LINK_PREFIX)) {
            return List.of();
        }
        List<FilePathAnnotation> found = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            String link = matcher.group();
            String fileId = files.get(link.substring(CodeInterpreterTools.LINK_PREFIX.length()));
            if (fileId == null) {
                link = trimTrailingPunctuation(link);
                fileId = files.get(link.substring(CodeInterpreterTools.LINK_PREFIX.length()));
            }
            if (fileId != null) {
                int start = text.codePointCount(0, matcher.start());
                int end = start + link.codePointCount(0, link.length());
                found.add(new FilePathAnnotation(link, new FilePathAnnotation.FilePath(fileId), start, end));
            }
        }
        return found;
    }

    /** A link at the end of a sentence: {@code sandbox:/mnt/data/a.csv.} names {@code a.csv}. */
    private static String trimTrailingPunctuation(String link) {
        int end = link.length();
        while (end > 0 && ".,;:!?".indexOf(link.charAt(end - 1)) >= 0) {
            end--;
        }
        return link.substring(0, end);
    }
}
