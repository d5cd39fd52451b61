package com.myparcel.auth.agent.authorization;

import java.util.concurrent.atomic.LongAdder;

/** What the agent did to requests, per client, for the status MBean. Contention-free counters. */
public final class AgentMetrics {

    /** The JDK clients the agent serves. */
    public enum Client {
        HTTP_URL_CONNECTION, HTTP_CLIENT
    }

    private final LongAdder[] authorized = {new LongAdder(), new LongAdder()};
    private final LongAdder[] replayed = {new LongAdder(), new LongAdder()};

    void authorized(Client client) {
        authorized[client.ordinal()].increment();
    }

    void replayed(Client client) {
        replayed[client.ordinal()].increment();
    }

    public long authorizedRequests(Client client) {
        return authorized[client.ordinal()].sum();
    }

    public long replays(Client client) {
        return replayed[client.ordinal()].sum();
    }
}
