package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's result as self-describing Markdown: what was measured, on what, how to reproduce it,
 * the tables, and every reason a figure is INVALID (a run in which the agent did not do its job).
 */
public final class ResultReport {

    private final String name;
    private final String title;
    private final List<String> facts = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> invalidReasons = new ArrayList<>();

    public ResultReport(String name, String title) {
        this.name = name;
        this.title = title;
    }

    public String name() {
        return name;
    }

    /** A bullet under the title: what was measured, the configuration, the environment. */
    public ResultReport fact(String text) {
        facts.add(text);
        return this;
    }

    public ResultReport table(MarkdownTable table) {
        body.append('\n').append(table.render());
        return this;
    }

    public ResultReport paragraph(String text) {
        body.append('\n').append(text).append('\n');
        return this;
    }

    /** Records why a run is INVALID; the report then says so above its tables. */
    public void invalid(String reason) {
        invalidReasons.add(reason);
    }

    public boolean isInvalid() {
        return !invalidReasons.isEmpty();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append("\n\n");
        facts.forEach(fact -> out.append("- ").append(fact).append('\n'));
        if (!invalidReasons.isEmpty()) {
            out.append("\n**INVALID runs (").append(invalidReasons.size())
                    .append("): their figures are left out of the medians below.**\n\n");
            invalidReasons.forEach(reason -> out.append("- INVALID: ").append(reason.replace("\n", "\n  ")).append('\n'));
        }
        out.append(body);
        return out.toString();
    }

    /** Prints the report and writes it to {@code <directory>/<name>-jdk<feature>.md}. */
    public Path publish(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name + "-jdk" + Runtime.version().feature() + ".md");
        String markdown = markdown();
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        System.out.flush();
        return file;
    }
}
