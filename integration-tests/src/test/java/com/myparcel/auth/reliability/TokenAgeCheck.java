package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Jwt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API under load, as a WireMock transformer that keeps its own counts instead of a request journal. It checks
 * every request's bearer token like MyParcel.com does:
 * <ul>
 *   <li>no {@code Authorization: Bearer} JWT, or one whose {@code exp} is not after the time WireMock received the
 *       request: 401 code 14002, and counted;</li>
 *   <li>the token-age check: when the API first sees a token it decides, with probability {@code refusalRate}, to
 *       refuse it; every request carrying a refused token then gets 401 code 14002;</li>
 *   <li>otherwise 200 with the shipments list.</li>
 * </ul>
 * Each request's {@code X-Request-Id} (set by the LoadDriver, copied by the agent onto a replay) tells a first
 * attempt from a replay: for every request id that got a 401, all its attempts are kept.
 */
final class TokenAgeCheck implements ResponseDefinitionTransformerV2 {

    static final String NAME = "token-age-check";

    /** One attempt of a request that got (or followed) a 401. */
    record Attempt(long receivedAt, String token, int status) {
    }

    /** A request that reached the API with a token that had expired when WireMock received it. */
    record ExpiredUse(String requestId, long receivedAt, Instant expiry) {
    }

    private final double refusalRate;
    private final Random random;
    private final LongAdder requests = new LongAdder();
    private final LongAdder withoutToken = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final List<ExpiredUse> expiredUses = new CopyOnWriteArrayList<>();
    /** Every token seen: first time seen (epoch millis), and whether it is refused. */
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refusedTokens = new ConcurrentHashMap<>();
    private final Map<String, List<Attempt>> attemptsOfUnauthorized = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> perClient = new ConcurrentHashMap<>();

    TokenAgeCheck(double refusalRate, long seed) {
        this.refusalRate = refusalRate;
        this.random = new Random(seed);
    }

    /** The stub answer that goes through this check. */
    static ResponseDefinitionBuilder checked() {
        return aResponse().withTransformers(NAME);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        long receivedAt = request.getLoggedDate().getTime();
        requests.increment();
        String path = request.getUrl();
        perClient.computeIfAbsent(path.contains("/huc/") ? "huc" : path.contains("/hc/") ? "hc" : "other",
                client -> new LongAdder()).increment();
        String requestId = request.getHeader("X-Request-Id");
        String authorization = request.containsHeader("Authorization") ? request.getHeader("Authorization") : null;
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            withoutToken.increment();
            return answer(401, requestId, receivedAt, null);
        }
        String token = authorization.substring("Bearer ".length());
        Instant expiry;
        try {
            expiry = Jwt.expiry(token);
        } catch (RuntimeException notAJwt) {
            expiry = Instant.EPOCH;
        }
        if (!expiry.isAfter(Instant.ofEpochMilli(receivedAt))) {
            expiredUses.add(new ExpiredUse(requestId, receivedAt, expiry));
            return answer(401, requestId, receivedAt, token);
        }
        firstSeen.putIfAbsent(token, receivedAt);
        boolean refuse = refusedTokens.computeIfAbsent(token, t -> decide());
        if (refuse) {
            refused.increment();
            return answer(401, requestId, receivedAt, token);
        }
        return answer(200, requestId, receivedAt, token);
    }

    private boolean decide() {
        synchronized (random) {
            return random.nextDouble() < refusalRate;
        }
    }

    private ResponseDefinition answer(int status, String requestId, long receivedAt, String token) {
        if (requestId != null && (status == 401 || attemptsOfUnauthorized.containsKey(requestId))) {
            attemptsOfUnauthorized.computeIfAbsent(requestId, id -> new CopyOnWriteArrayList<>())
                    .add(new Attempt(receivedAt, token, status));
        }
        ResponseDefinitionBuilder answer = status == 200
                ? FakeMyParcel.jsonApi(200, FakeMyParcel.SHIPMENTS_BODY)
                : FakeMyParcel.jsonApi(401, FakeMyParcel.INVALID_TOKEN_BODY);
        return answer.build();
    }

    // ---------------------------------------------------------------- what happened

    long requests() {
        return requests.sum();
    }

    long requests(String client) {
        LongAdder adder = perClient.get(client);
        return adder == null ? 0 : adder.sum();
    }

    long withoutToken() {
        return withoutToken.sum();
    }

    /** Requests answered 401 because their token was refused by the token-age check. */
    long refusedRequests() {
        return refused.sum();
    }

    List<ExpiredUse> expiredUses() {
        return List.copyOf(expiredUses);
    }

    /** Distinct tokens the API saw. */
    int tokensSeen() {
        return firstSeen.size();
    }

    /** The refused tokens with the time the API first saw each (its refusal), oldest first. */
    List<Map.Entry<String, Long>> refusedTokens() {
        List<Map.Entry<String, Long>> result = new ArrayList<>();
        refusedTokens.forEach((token, refuse) -> {
            if (refuse) {
                result.add(Map.entry(token, firstSeen.get(token)));
            }
        });
        result.sort(Map.Entry.comparingByValue());
        return result;
    }

    boolean isSeen(String token) {
        return firstSeen.containsKey(token);
    }

    /** Every attempt of each request id that got a 401. */
    Map<String, List<Attempt>> attemptsOfUnauthorized() {
        return Map.copyOf(attemptsOfUnauthorized);
    }

    void reset() {
        requests.reset();
        withoutToken.reset();
        refused.reset();
        expiredUses.clear();
        firstSeen.clear();
        refusedTokens.clear();
        attemptsOfUnauthorized.clear();
        perClient.clear();
    }
}
