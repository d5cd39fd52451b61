package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: the runner's own JDK and class path (benchmarks/target/classes,
 * never the benchmarks jar, which holds the agent's classes unshaded), JVM options, a main class of
 * {@code com.myparcel.auth.bench.apps} and its arguments.
 */
public final class ChildJvm {

    private final List<String> options = new ArrayList<>();
    private final String mainClass;
    private final List<String> arguments;

    private ChildJvm(String mainClass, List<String> arguments) {
        this.mainClass = mainClass;
        this.arguments = arguments;
    }

    public static ChildJvm of(Class<?> mainClass, String... arguments) {
        return new ChildJvm(mainClass.getName(), List.of(arguments));
    }

    public ChildJvm with(List<String> moreOptions) {
        options.addAll(moreOptions);
        return this;
    }

    public ChildJvm with(String option) {
        options.add(option);
        return this;
    }

    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    public ChildProcess start() throws IOException {
        return ChildProcess.start(command());
    }
}
