package com.myparcel.auth.reliability;

import java.util.List;

/**
 * The report section {@code 4-secrets-and-robustness}, one table shared by {@link SecretHygieneTest},
 * {@link InternalFailureTest} and {@link SecretFileTest}: one row per child JVM run.
 */
final class SecretsAndRobustness {

    static final String SECTION = "4-secrets-and-robustness";
    static final String TITLE = "## 4. Secrets and robustness\n\n"
            + "Each row is one run of an unmodified application in its own JVM with the agent: whether the client"
            + " secret or an issued token appeared in anything the JVM printed or in its thread names, and whether a"
            + " failure inside the agent or a refused secret file reached the application, checked from the JVM's"
            + " output, its exit code and the servers' journals.";
    static final List<String> COLUMNS = List.of("scenario", "client", "log level", "checked", "result");

    private SecretsAndRobustness() {
    }

    static void row(List<?> cells) {
        ReliabilityReport.row(SECTION, TITLE, COLUMNS, cells);
    }
}
