package com.myparcel.auth.bench.storm;

/**
 * One refresh storm's outcome: how many token requests and API requests the server saw, and when each
 * API request arrived relative to the release (the token answer written, or the runner's GO).
 */
record StormRun(long tokenRequests, long authorized, long unauthorized, long[] arrivalOffsetsNanos) {
}
