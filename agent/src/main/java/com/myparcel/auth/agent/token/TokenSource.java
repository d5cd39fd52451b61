package com.myparcel.auth.agent.token;

import java.io.IOException;

/** Where new tokens come from: the token endpoint in the agent, a fake in unit tests. */
@FunctionalInterface
public interface TokenSource {

    /** Requests a new token; blocks for the round trip. */
    AccessToken fetch() throws IOException;
}
