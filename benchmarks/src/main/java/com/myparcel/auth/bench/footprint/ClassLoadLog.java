package com.myparcel.auth.bench.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The classes a JVM loaded so far, from its {@code -Xlog:class+load:file=...} output
 * ({@code [0.147s][info][class,load] java.lang.Object source: shared objects file}). Read while the JVM
 * runs: a last line still being written is left out.
 */
record ClassLoadLog(List<String> classNames) {

    static final String AGENT_PACKAGE = "com.myparcel.auth.agent.";
    static final String SHADED_PACKAGE = "com.myparcel.auth.agent.shaded.";

    private static final Pattern DECORATIONS = Pattern.compile("^(\\[[^\\]]*\\])+\\s*");

    static ClassLoadLog read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<String> names = new ArrayList<>();
        for (String line : text.substring(0, end + 1).split("\n")) {
            String withoutDecorations = DECORATIONS.matcher(line).replaceFirst("");
            int source = withoutDecorations.indexOf(" source:");
            String name = (source < 0 ? withoutDecorations : withoutDecorations.substring(0, source)).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return new ClassLoadLog(List.copyOf(names));
    }

    int total() {
        return classNames.size();
    }

    long agentClasses() {
        return classNames.stream().filter(name -> name.startsWith(AGENT_PACKAGE)).count();
    }

    long shadedClasses() {
        return classNames.stream().filter(name -> name.startsWith(SHADED_PACKAGE)).count();
    }

    /**
     * The name without what differs between two runs of the same code: the address of a hidden class
     * ({@code /0x0000000800c01400}) and a lambda's serial number ({@code $$Lambda$14}).
     */
    static String comparable(String className) {
        return className.replaceAll("/0x[0-9a-fA-F]+", "").replaceAll("\\$\\$Lambda\\$\\d+", "\\$\\$Lambda");
    }
}
