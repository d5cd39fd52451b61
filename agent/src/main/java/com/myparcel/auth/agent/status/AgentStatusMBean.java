package com.myparcel.auth.agent.status;

/** The agent's state as JConsole, VisualVM and JMX clients see it: {@code com.myparcel.auth:type=Agent}. */
public interface AgentStatusMBean {

    /** First 8 hex digits of the current token's SHA-256, or "none". */
    String getTokenFingerprint();

    /** ISO-8601 expiry of the current token, or "none". */
    String getTokenExpiry();

    /** Seconds until the current token expires (negative once expired; -1 without a token). */
    long getTokenSecondsLeft();

    long getTokenRequests();

    long getTokenFailures();

    long getAuthorizedRequestsHttpUrlConnection();

    long getAuthorizedRequestsHttpClient();

    long getReplays();

    /** The last token failure as it was logged, or "none". */
    String getLastError();

    /** Fetches a new token now. */
    void refreshToken();
}
