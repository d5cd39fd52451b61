package com.myparcel.auth.it;

import static com.myparcel.auth.it.OperatorOutput.nonEmptyLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar myparcel-auth-agent.jar} help, version, a wrong command and wrong attach arguments. */
class CommandLineTest {

    @Test
    void versionIsTheManifestsImplementationVersion() {
        String version = OperatorOutput.agentVersion();
        assertNotNull(version, "the agent jar's manifest has an Implementation-Version");

        for (String command : List.of("version", "--version")) {
            AppRun run = ChildJvm.agentCommandLine(command).run();
            assertEquals(0, run.exitCode(), run::describe);
            assertEquals(List.of("myparcel-auth-agent " + version), nonEmptyLines(run.stdout()), run::describe);
            assertEquals("", run.stderr(), run::describe);
        }
    }

    @Test
    void helpNamesEveryCommand() {
        AppRun help = ChildJvm.agentCommandLine("help").run();
        AppRun noCommand = ChildJvm.agentCommandLine().run();

        assertEquals(0, help.exitCode(), help::describe);
        assertEquals("", help.stderr(), help::describe);
        for (String expected : List.of("-javaagent:myparcel-auth-agent.jar", " check ", " attach <pid> [key=value ...]",
                " version ", " help ")) {
            assertTrue(help.stdout().contains(expected), () -> "'" + expected + "' missing\n" + help.describe());
        }
        assertEquals(0, noCommand.exitCode(), noCommand::describe);
        assertEquals(help.stdout(), noCommand.stdout(), "no command prints the help");
    }

    @Test
    void unknownCommandExitsWith1AndShowsTheHelp() {
        AppRun run = ChildJvm.agentCommandLine("chek").run();

        assertEquals(1, run.exitCode(), run::describe);
        assertEquals("", run.stdout(), run::describe);
        assertTrue(run.stderr().startsWith("unknown command 'chek'"), run::describe);
        assertTrue(run.stderr().contains(" attach <pid>"), run::describe);
    }

    @Test
    void attachWithoutPidOrWithMalformedSettingExitsWith1() {
        AppRun noPid = ChildJvm.agentCommandLine("attach").run();
        AppRun notAPid = ChildJvm.agentCommandLine("attach", "my-app").run();
        AppRun notKeyValue = ChildJvm.agentCommandLine("attach", String.valueOf(ProcessHandle.current().pid()),
                "client-id").run();

        for (AppRun run : List.of(noPid, notAPid)) {
            assertEquals(1, run.exitCode(), run::describe);
            assertEquals(List.of("usage: attach <pid> [key=value ...]"), nonEmptyLines(run.stderr()), run::describe);
        }
        assertEquals(1, notKeyValue.exitCode(), notKeyValue::describe);
        assertTrue(notKeyValue.stderr().contains("'client-id' is not key=value"), notKeyValue::describe);
    }

    @Test
    void attachToAProcessThatIsGoneExitsWith5() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));

        AppRun run = ChildJvm.agentCommandLine("attach", String.valueOf(gone.pid())).run();

        assertEquals(5, run.exitCode(), run::describe);
        List<String> lines = nonEmptyLines(run.stderr());
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("attach to " + gone.pid() + " failed: "), run::describe);
    }
}
