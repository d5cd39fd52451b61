package com.myparcel.auth.bench.storm;

/** Who holds the storm's threads until the release, and whether the agent is attached. */
enum StormMode {

    /** No agent; the storm's requests set Authorization themselves; the runner's GO opens the gate. */
    BASELINE("baseline, no agent (release: GO)", false, false),
    /**
     * Control: the agent attached but not waited for (the storm's requests set Authorization themselves, which
     * the agent leaves alone); the runner's GO opens the gate. Separates what the agent costs by being in the
     * JVM from what its waiting and release cost.
     */
    AGENT_NOT_WAITING("control: agent attached, app sets header (release: GO)", true, false),
    /** The agent adds the token: the threads wait inside it until the token answer is written. */
    AGENT("agent (release: token answer written)", true, true);

    final String description;
    final boolean agentAttached;
    final boolean agentHoldsThreads;

    StormMode(String description, boolean agentAttached, boolean agentHoldsThreads) {
        this.description = description;
        this.agentAttached = agentAttached;
        this.agentHoldsThreads = agentHoldsThreads;
    }
}
