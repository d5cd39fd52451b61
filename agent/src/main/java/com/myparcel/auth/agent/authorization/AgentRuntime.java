package com.myparcel.auth.agent.authorization;

/**
 * The one place instrumented JDK code finds the agent. Null until the agent is installed with valid
 * settings; it stays null (the agent passive) otherwise.
 */
public final class AgentRuntime {

    private static volatile RequestAuthorizer authorizer;

    private AgentRuntime() {
    }

    public static RequestAuthorizer authorizer() {
        return authorizer;
    }

    public static void install(RequestAuthorizer installed) {
        authorizer = installed;
    }
}
