package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

/** What a child JVM run of a shipments app left behind: exit code, stdout and stderr, and their parsed lines. */
public final class AppRun {

    public static final String AGENT_LOG_PREFIX = "[myparcel-auth-agent]";

    private final List<String> command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    AppRun(List<String> command, int exitCode, String stdout, String stderr) {
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    /** The app's {@code RESULT} lines, one per completed request, in order. */
    public List<AppResult> results() {
        return linesStartingWith(stdout, "RESULT ").stream().map(AppResult::parse).collect(Collectors.toList());
    }

    /** The status of each {@code RESULT} line, in order. */
    public List<String> statuses() {
        return results().stream().map(AppResult::status).collect(Collectors.toList());
    }

    /** Each {@code RESULT} line as {@code "<method> <path> <status>"}, in order. */
    public List<String> summaries() {
        return results().stream().map(AppResult::summary).collect(Collectors.toList());
    }

    /** What follows {@code "<tag> "} on each stdout line that starts with it, in order: {@code lines("VERSION")}. */
    public List<String> lines(String tag) {
        return linesStartingWith(stdout, tag + " ").stream()
                .map(line -> line.substring(tag.length() + 1))
                .collect(Collectors.toList());
    }

    /** The protocol version of each response, from the HttpClient app's {@code VERSION} lines, in order. */
    List<String> versions() {
        return lines("VERSION").stream().map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .collect(Collectors.toList());
    }

    /** The run made one request, and the app saw {@code status} with {@code body} (length and first 80 chars). */
    void assertOnlyResult(String status, String body) {
        AppResult result = onlyResult();
        assertEquals(status, result.status(), this::describe);
        assertEquals(body.length(), result.bodyLength(), this::describe);
        assertEquals(body.substring(0, Math.min(80, body.length())), result.bodyStart(), this::describe);
    }

    /** The single {@code RESULT} line of a run that made one request. */
    AppResult onlyResult() {
        List<AppResult> results = results();
        assertEquals(1, results.size(), () -> "expected exactly one RESULT line\n" + describe());
        return results.get(0);
    }

    /** The SHA-256 (hex) of each request body the app sent, from its {@code SENT} lines, in order. */
    public List<String> sentBodyHashes() {
        return linesStartingWith(stdout, "SENT ").stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .collect(Collectors.toList());
    }

    public List<String> errorLines() {
        return linesStartingWith(stdout, "ERROR ");
    }

    /** The lines the agent wrote to stderr. */
    public List<String> agentLogLines() {
        return linesStartingWith(stderr, AGENT_LOG_PREFIX);
    }

    /**
     * Lines of stderr that belong to a stack trace or a thrown exception: {@code at ...}, {@code Caused by:}, or any
     * line outside the agent's own log lines that mentions an exception. (An agent line may name the exception
     * class that explains a setting's problem.)
     */
    public List<String> stackTraceLines() {
        return stderr.lines()
                .filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")
                        || (line.contains("Exception") && !line.startsWith(AGENT_LOG_PREFIX)))
                .collect(Collectors.toList());
    }

    /** The app ran all its commands: exit code 0, {@code DONE} printed, no request failed with an exception. */
    public AppRun assertCompleted() {
        assertEquals(0, exitCode, () -> "exit code\n" + describe());
        assertTrue(stdout.lines().anyMatch("DONE"::equals), () -> "no DONE line\n" + describe());
        assertEquals(List.of(), errorLines(), () -> "requests failed\n" + describe());
        return this;
    }

    public String describe() {
        return "command: " + String.join(" ", command)
                + "\nexit code: " + exitCode
                + "\n--- stdout ---\n" + stdout
                + "--- stderr ---\n" + stderr
                + "--------------";
    }

    private static List<String> linesStartingWith(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    /** {@code RESULT <method> <path> <status> <bodyLength> <first 80 chars of body>}. */
    public record AppResult(String method, String path, String status, int bodyLength, String bodyStart) {

        static AppResult parse(String line) {
            String[] fields = line.split(" ", 6);
            return new AppResult(fields[1], fields[2], fields[3], Integer.parseInt(fields[4]),
                    fields.length > 5 ? fields[5] : "");
        }

        public String summary() {
            return method + " " + path + " " + status;
        }
    }
}
