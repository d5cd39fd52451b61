package com.myparcel.auth.it;

import static com.myparcel.auth.it.AttachCommandTest.authorizations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent never initialises java.util.logging itself: an application that brings its own LogManager (by
 * {@code -Djava.util.logging.manager} or by setting that property in main, as WildFly and Quarkus do) still gets
 * it, and its logging works. With {@code -Xlog:class+load} on stdout, the JVM shows when
 * {@code java.util.logging.LogManager} is loaded relative to test-apps' OwnLoggingApp printing {@code MAIN-STARTED}
 * as the first thing in main.
 */
class ApplicationLoggingTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String MARKER = "MAIN-STARTED";
    private static final String LOG_MANAGER_LOADED = "[class,load] java.util.logging.LogManager ";
    private static final String MBEAN = "com.myparcel.auth:type=Agent";

    @Test
    void customLogManagerFromTheCommandLineIsTheAppsAndWorks() {
        AppRun run = ownLoggingApp("use-logging", "await-mbean", MBEAN, "list")
                .property("java.util.logging.manager", ChildJvm.CUSTOM_LOG_MANAGER)
                .run()
                .assertCompleted();

        assertAppsLoggingWorkedWithTheAgentActive(run);
    }

    @Test
    void customLogManagerSetInMainIsTheAppsAndWorks() {
        AppRun run = ownLoggingApp("set-manager", "use-logging", "await-mbean", MBEAN, "list")
                .run()
                .assertCompleted();

        assertAppsLoggingWorkedWithTheAgentActive(run);
    }

    @Test
    void anAppThatNeverLogsNeverLoadsLogManager() {
        AppRun run = ownLoggingApp("list", "create").run().assertCompleted();

        assertEquals(List.of("200", "201"), run.statuses(), run::describe);
        String token = myParcel.onlyIssuedToken();
        assertEquals(List.of("Bearer " + token, "Bearer " + token), authorizations(myParcel.apiRequests()));
        assertTrue(run.stdout().contains("[class,load] " + ChildJvm.OWN_LOGGING_APP + " "),
                () -> "-Xlog:class+load shows the classes loaded\n" + run.describe());
        assertEquals(List.of(), run.stdout().lines().filter(line -> line.contains(LOG_MANAGER_LOADED)).toList(),
                "the agent fetched a token and authorized requests without loading java.util.logging.LogManager\n"
                        + run.describe());
    }

    private static ChildJvm ownLoggingApp(String... arguments) {
        return ChildJvm.testApp(ChildJvm.OWN_LOGGING_APP, arguments)
                .jvmOption("-Xlog:class+load")
                .withAgent()
                .settingsFor(myParcel);
    }

    private static void assertAppsLoggingWorkedWithTheAgentActive(AppRun run) {
        List<String> stdout = run.stdout().lines().toList();
        assertEquals(List.of("LOG-MANAGER " + ChildJvm.CUSTOM_LOG_MANAGER), linesStartingWith(stdout, "LOG-MANAGER "),
                run::describe);
        assertEquals(List.of("CUSTOM-LOG INFO com.example.logging.app the application's logging works"),
                linesStartingWith(stdout, "CUSTOM-LOG "), "the custom LogManager's handler wrote the app's message");

        int marker = stdout.indexOf(MARKER);
        int logManagerLoaded = indexOfFirstContaining(stdout, LOG_MANAGER_LOADED);
        assertTrue(marker >= 0, run::describe);
        assertTrue(logManagerLoaded > marker, () -> "java.util.logging.LogManager loaded at stdout line "
                + logManagerLoaded + ", before main started at line " + marker + "\n" + run.describe());

        assertEquals(List.of("MBEAN registered"), linesStartingWith(stdout, "MBEAN "),
                () -> "the agent's MBean appears once the app's logging is set up\n" + run.describe());
        assertEquals(List.of("200"), run.statuses(), run::describe);
        assertEquals(List.of("Bearer " + myParcel.onlyIssuedToken()), authorizations(myParcel.apiRequests()));
    }

    private static List<String> linesStartingWith(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    private static int indexOfFirstContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
