package com.myparcel.auth.agent.authorization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayPolicyTest {

    @Test
    void replaysOnceAfter401OnARequestTheAgentAuthorized() {
        assertTrue(ReplayPolicy.shouldReplay(401, true, 0, true));
        assertFalse(ReplayPolicy.shouldReplay(401, true, 1, true), "never a second replay");
    }

    @Test
    void neverReplaysOtherStatusesApplicationCredentialsOrOneShotBodies() {
        assertFalse(ReplayPolicy.shouldReplay(403, true, 0, true), "403 14004: a new token does not help");
        assertFalse(ReplayPolicy.shouldReplay(200, true, 0, true));
        assertFalse(ReplayPolicy.shouldReplay(401, false, 0, true), "the application's own Authorization");
        assertFalse(ReplayPolicy.shouldReplay(401, true, 0, false), "a body that cannot be sent again");
    }

    @Test
    void onlyA401MayBeReplayed() {
        assertTrue(ReplayPolicy.mayReplay(401));
        for (int status : new int[] {200, 201, 204, 302, 400, 403, 404, 429, 500, 503, -1}) {
            assertFalse(ReplayPolicy.mayReplay(status), String.valueOf(status));
            assertFalse(ReplayPolicy.shouldReplay(status, true, 0, true), "mayReplay must admit every replay");
        }
    }
}
