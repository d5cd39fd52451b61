package com.myparcel.auth.agent.cli;

import com.myparcel.auth.agent.AgentInstaller;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar myparcel-auth-agent.jar <command>}: what an operator runs besides attaching the
 * agent. Exit codes: 0 success, 1 usage, 2 settings, 3 refused by MyParcel.com, 4 token endpoint or
 * network failure, 5 attach failure.
 */
public final class AgentCommandLine {

    static final int OK = 0;
    static final int USAGE = 1;

    private AgentCommandLine() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "check":
                return new CheckCommand(out, err).run();
            case "attach":
                return new AttachCommand(out, err).run(rest);
            case "version":
            case "--version":
                out.println("myparcel-auth-agent " + AgentInstaller.version());
                return OK;
            case "help":
            case "--help":
            case "-h":
                out.print(HELP);
                return OK;
            default:
                err.println("unknown command '" + command + "'");
                err.print(HELP);
                return USAGE;
        }
    }

    static final String HELP = String.join(System.lineSeparator(),
            "myparcel-auth-agent: MyParcel.com API authentication for unmodified JVM applications",
            "",
            "  java -javaagent:myparcel-auth-agent.jar[=key=value,...] -Dmyparcel.client-id=... \\",
            "       -Dmyparcel.client-secret-file=... -jar your-app.jar",
            "",
            "Commands (java -jar myparcel-auth-agent.jar <command>):",
            "  check               fetch a token with the settings the agent would use, print what it got",
            "  attach <pid> [key=value ...]",
            "                      load the agent into a running JVM; settings from the arguments,",
            "                      then this shell's myparcel.* properties and MYPARCEL_* variables",
            "  version             print the version",
            "  help                print this text",
            "",
            "Settings: system properties myparcel.* or variables MYPARCEL_*; see the README.",
            "");
}
