package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.token.AccessToken;

/**
 * What the agent knows about one HttpURLConnection, kept by {@link Exchanges}.
 */
final class Exchange {

    /** The application called setRequestProperty/addRequestProperty("Authorization", …). */
    volatile boolean applicationSetAuthorization;
    /**
     * The agent is setting its own Authorization on the connection: the property hook that call passes
     * through, on the same thread, is not the application's. Plain, as only that thread reads it.
     */
    boolean agentSettingAuthorization;
    /** The token the agent put on the request, or null. */
    volatile AccessToken sentToken;
    /** The agent has looked at this request before it was sent: it is never judged twice. */
    volatile boolean judged;
    volatile int replays;
    /** The copy of a streamed body, for a replay; null in buffered mode (the JDK keeps that body). */
    volatile ReplayableBodyStream streamedBody;
}
