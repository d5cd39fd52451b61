package com.myparcel.auth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reliability suite's figures: each section is a Markdown table in
 * {@code integration-tests/target/reliability/<section>.md}, one row per scenario, written as the tests
 * measure. {@code scripts/reliability-report} runs the suite and assembles the sections into
 * {@code docs/reliability.md}.
 */
final class ReliabilityReport {

    static final Path DIRECTORY = Path.of(System.getProperty("reliability.dir", "target/reliability"));

    private static final Set<String> startedThisRun = new HashSet<>();

    private ReliabilityReport() {
    }

    /**
     * Adds a row to a section's table; the first row of a run replaces what an earlier run left.
     *
     * @param section a file name such as {@code 1-destinations}
     * @param title   the section's heading and a sentence on what was measured
     * @param columns the table's column names
     */
    static synchronized void row(String section, String title, List<String> columns, List<?> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(section + ": " + cells.size() + " cells for " + columns.size() + " columns");
        }
        Path file = DIRECTORY.resolve(section + ".md");
        try {
            Files.createDirectories(DIRECTORY);
            if (startedThisRun.add(section)) {
                Files.writeString(file, title + "\n\n| " + String.join(" | ", columns) + " |\n|"
                        + "---|".repeat(columns.size()) + "\n", StandardCharsets.UTF_8);
            }
            StringBuilder line = new StringBuilder("|");
            for (Object cell : cells) {
                line.append(' ').append(String.valueOf(cell).replace("|", "\\|").replace("\n", " ")).append(" |");
            }
            Files.writeString(file, line.append('\n').toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
