package com.myparcel.auth.bench.storm;

/**
 * One refresh storm's outcome: how many token requests the server saw, when each of the storm's API
 * requests arrived relative to the release (the token answer written, or the runner's GO), and how
 * many of them came over a connection the warm-up had not opened. With the agent, how long the token
 * endpoint held its answer (0 otherwise).
 */
record StormRun(long tokenRequests, long tokenAnswerHeldNanos, long[] arrivalOffsetsNanos, int onNewConnections) {
}
