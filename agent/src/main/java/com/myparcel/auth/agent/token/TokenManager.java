package com.myparcel.auth.agent.token;

import com.myparcel.auth.agent.AgentThread;
import com.myparcel.auth.agent.log.AgentLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The token's life cycle, independent of any HTTP client.
 *
 * <p>A token is <em>fresh</em> until its refresh time, {@code expiry - min(refresh-margin, lifetime / 2)},
 * when the one background thread fetches the next one; it is <em>stale</em> from then until shortly
 * before expiry (requests keep using it while the refresh runs or is retried); after that it is
 * <em>expired</em> and requests wait, up to token-wait, on the one shared refresh. Every token request
 * runs on that single thread, so however many requests need a token, at most one token request is in
 * flight.
 */
public final class TokenManager implements AutoCloseable {

    /** A token is not handed out during its last moments: a request must still arrive before expiry. */
    static final Duration LONGEST_EXPIRY_SAFETY = Duration.ofSeconds(2);
    /** Tokens remembered for {@link #issued(String)}: older ones have long expired. */
    private static final int RECENTLY_ISSUED = 8;

    private final TokenSource source;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Backoff backoff;
    private final ScheduledExecutorService refresher;

    private final Object lock = new Object();
    /** The current token with the moment it stops being handed out, read without locking per request. */
    private volatile Current current;
    // The rest is guarded by lock.
    private CompletableFuture<AccessToken> nextToken = new CompletableFuture<>();
    private ScheduledFuture<?> scheduledFetch;
    private boolean fetching;
    /** A fetch is queued to run at once: asking again must not queue a second one. */
    private boolean immediateFetchQueued;
    private long fetchGeneration;
    private int consecutiveFailures;
    private String reportedRefusal;
    private final Deque<String> recentlyIssued = new ArrayDeque<>(RECENTLY_ISSUED);
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder tokenFailures = new LongAdder();
    private volatile String lastError;

    /** A manager with a fetching thread of its own, closed by {@link #close()}. */
    public TokenManager(TokenSource source, Clock clock, Duration refreshMargin, Backoff backoff) {
        this(source, clock, refreshMargin, backoff, AgentThread.start());
    }

    /** @param refresher the single thread every token request runs on */
    public TokenManager(TokenSource source, Clock clock, Duration refreshMargin, Backoff backoff,
            ScheduledExecutorService refresher) {
        this.source = source;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.backoff = backoff;
        this.refresher = refresher;
    }

    /** Fetches the first token in the background; never waits on the network. */
    public void start() {
        synchronized (lock) {
            scheduleFetch(Duration.ZERO);
        }
    }

    /**
     * The token a request should carry: the current one while it is valid, otherwise the result of the
     * shared refresh if it arrives within {@code wait}; null if none does (the request then goes out
     * without one).
     */
    public AccessToken tokenForRequest(Duration wait) {
        AccessToken token = usableToken();
        if (token != null) {
            return token;
        }
        CompletableFuture<AccessToken> next;
        synchronized (lock) {
            token = usableToken();
            if (token != null) {
                return token;
            }
            current = null;
            fetchSoon();
            next = nextToken;
        }
        return await(next, wait);
    }

    /**
     * Like {@link #tokenForRequest(Duration)} without blocking the caller: completes with the token, or
     * with null when none arrives within {@code wait}.
     */
    public CompletableFuture<AccessToken> tokenForRequestAsync(Duration wait) {
        AccessToken token = usableToken();
        if (token != null) {
            return CompletableFuture.completedFuture(token);
        }
        CompletableFuture<AccessToken> next;
        synchronized (lock) {
            token = usableToken();
            if (token != null) {
                return CompletableFuture.completedFuture(token);
            }
            current = null;
            fetchSoon();
            next = nextToken;
        }
        // A dependent copy: a timeout must not complete the future other requests wait on.
        return next.thenApply(arrived -> arrived).completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether {@code authorizationHeaderValue} is one the agent put on requests recently, so that it can
     * be kept from destinations it must never reach.
     */
    public boolean issued(String authorizationHeaderValue) {
        synchronized (lock) {
            return recentlyIssued.contains(authorizationHeaderValue);
        }
    }

    /**
     * The API refused {@code rejected} (401). Compare-and-invalidate: only if it is still the current
     * token is it dropped and a refresh started, so a burst of 401s for one token causes one refresh.
     */
    public void rejected(AccessToken rejected) {
        synchronized (lock) {
            if (rejected != null && current != null && current.token == rejected) {
                current = null;
                AgentLog.info("token " + rejected.fingerprint() + " was refused by the API (401); fetching a new one");
                fetchSoon();
            }
        }
    }

    /** The current token, valid or not, for status reports; null before the first one. */
    public AccessToken current() {
        Current snapshot = current;
        return snapshot == null ? null : snapshot.token;
    }

    public long tokenRequests() {
        return tokenRequests.sum();
    }

    public long tokenFailures() {
        return tokenFailures.sum();
    }

    /** The last failure as it was logged, with its time; null if there was none. */
    public String lastError() {
        return lastError;
    }

    /** An operator asked for a new token now (status MBean): fetched at once unless one is on its way. */
    public void refreshNow() {
        synchronized (lock) {
            if (!fetching && !immediateFetchQueued) {
                scheduleFetch(Duration.ZERO);
            }
        }
    }

    /** When the agent will ask for a replacement of {@code token}. */
    Instant refreshTime(AccessToken token) {
        Duration lifetime = token.lifetime();
        Duration half = lifetime.dividedBy(2);
        Duration lead = refreshMargin.compareTo(half) < 0 ? refreshMargin : half;
        return token.expiresAt().minus(lead);
    }

    boolean isUsable(AccessToken token, Instant now) {
        return now.toEpochMilli() < usableUntilMillis(token);
    }

    /** The per-request path: no lock and no allocation while the current token is valid. */
    private AccessToken usableToken() {
        Current snapshot = current;
        return snapshot != null && clock.millis() < snapshot.usableUntilMillis ? snapshot.token : null;
    }

    private static long usableUntilMillis(AccessToken token) {
        Duration tenth = token.lifetime().dividedBy(10);
        Duration safety = tenth.compareTo(LONGEST_EXPIRY_SAFETY) < 0 ? tenth : LONGEST_EXPIRY_SAFETY;
        return token.expiresAt().minus(safety).toEpochMilli();
    }

    /** A named class, not a lambda: the first fetch is scheduled in premain, where lambdas cost milliseconds. */
    private final class Fetch implements Runnable {
        private final long generation;

        Fetch(long generation) {
            this.generation = generation;
        }

        @Override
        public void run() {
            fetch(generation);
        }
    }

    /** A token and when it stops being handed out, swapped as one. */
    private static final class Current {
        final AccessToken token;
        final long usableUntilMillis;

        Current(AccessToken token) {
            this.token = token;
            this.usableUntilMillis = usableUntilMillis(token);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** Makes sure a fetch happens now, unless one is running or a backoff delay is in force. */
    private void fetchSoon() {
        if (fetching || immediateFetchQueued || consecutiveFailures > 0 && scheduledFetch != null) {
            return;
        }
        scheduleFetch(Duration.ZERO);
    }

    private void scheduleFetch(Duration delay) {
        if (scheduledFetch != null) {
            scheduledFetch.cancel(false);
        }
        long millis = Math.max(0, delay.toMillis());
        immediateFetchQueued = millis == 0;
        long generation = ++fetchGeneration;
        scheduledFetch = refresher.schedule(new Fetch(generation), millis, TimeUnit.MILLISECONDS);
    }

    private void fetch(long generation) {
        synchronized (lock) {
            if (generation != fetchGeneration) {
                return; // superseded by a later schedule whose cancel came too late to stop this one
            }
            fetching = true;
            immediateFetchQueued = false;
            scheduledFetch = null;
        }
        AccessToken token;
        tokenRequests.increment();
        try {
            token = source.fetch();
        } catch (Exception | LinkageError failure) {
            onFailure(failure);
            return;
        }
        onSuccess(token);
    }

    private void onSuccess(AccessToken token) {
        CompletableFuture<AccessToken> waiting;
        Instant refreshAt = refreshTime(token);
        synchronized (lock) {
            current = new Current(token);
            if (recentlyIssued.size() == RECENTLY_ISSUED) {
                recentlyIssued.removeFirst();
            }
            recentlyIssued.addLast(token.authorizationHeaderValue());
            fetching = false;
            consecutiveFailures = 0;
            reportedRefusal = null;
            waiting = nextToken;
            nextToken = new CompletableFuture<>();
            scheduleFetch(Duration.between(clock.instant(), refreshAt));
        }
        AgentLog.info("new token " + token.fingerprint() + ", expires " + token.expiresAt()
                + ", next refresh " + refreshAt);
        waiting.complete(token);
    }

    private void onFailure(Throwable failure) {
        Duration delay;
        boolean repeatedRefusal = false;
        tokenFailures.increment();
        synchronized (lock) {
            fetching = false;
            consecutiveFailures++;
            TokenEndpointException endpointFailure = failure instanceof TokenEndpointException
                    ? (TokenEndpointException) failure : null;
            delay = backoff.delay(consecutiveFailures, endpointFailure == null ? null : endpointFailure.retryAfter());
            if (endpointFailure != null && endpointFailure.isRefusal()) {
                repeatedRefusal = endpointFailure.code().equals(reportedRefusal);
                reportedRefusal = endpointFailure.code();
            }
            scheduleFetch(delay);
        }
        report(failure, delay, repeatedRefusal);
    }

    private void report(Throwable failure, Duration delay, boolean repeatedRefusal) {
        String retry = "; retrying in " + delay.toMillis() + " ms";
        if (failure instanceof TokenEndpointException && ((TokenEndpointException) failure).isRefusal()) {
            TokenEndpointException refusal = (TokenEndpointException) failure;
            String message = "MyParcel.com refused the token request: code " + refusal.code() + " \""
                    + refusal.title() + "\"; " + ("14001".equals(refusal.code())
                    ? "check myparcel.scope" : "check myparcel.client-id and the client secret") + retry;
            lastError = clock.instant() + " " + message;
            if (repeatedRefusal) {
                AgentLog.debug(message);
            } else {
                AgentLog.error(message);
            }
            return;
        }
        String what = failure instanceof TokenEndpointException ? failure.getMessage()
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        lastError = clock.instant() + " token request failed: " + what;
        AgentLog.warn("token request failed: " + what + retry);
    }

    private static AccessToken await(CompletableFuture<AccessToken> next, Duration wait) {
        try {
            return next.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
