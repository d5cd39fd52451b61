package com.myparcel.auth.bench.harness;

/**
 * API requests the server saw: with exactly the expected {@code Authorization: Bearer <token>}, and
 * without it (missing or different). Snapshots are subtracted to count one run's requests.
 */
public record ApiCounts(long authorized, long unauthorized) {

    public ApiCounts minus(ApiCounts earlier) {
        return new ApiCounts(authorized - earlier.authorized, unauthorized - earlier.unauthorized);
    }
}
