package com.myparcel.auth.agent.token;

import com.fasterxml.jackson.core.JsonFactory;

/** The one Jackson factory of the agent: thread-safe, and costly enough to build only once. */
final class TokenJson {

    static final JsonFactory FACTORY = new JsonFactory();

    private TokenJson() {
    }
}
