package com.myparcel.auth.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentRequestsTest {

    /** The marker is the calling thread's: another thread's call in flight does not mark this one's requests. */
    @Test
    void onlyTheThreadInsideTheAgentsOwnCallIsMarked() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                AgentRequests.run(() -> {
                    inside.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        try {
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertFalse(AgentRequests.inProgress(), "another thread's call does not mark this one");
            String seen = AgentRequests.run(() -> {
                boolean nestedWasMarked = AgentRequests.run(AgentRequests::inProgress);
                return nestedWasMarked + " " + AgentRequests.inProgress();
            });
            assertEquals("true true", seen, "marked inside, and still after a nested call returns");
            assertFalse(AgentRequests.inProgress());
        } finally {
            release.countDown();
            other.join(10_000);
        }
        assertFalse(AgentRequests.inProgress());
    }

    @Test
    void aFailingCallLeavesNoMarker() {
        assertThrows(IOException.class, () -> AgentRequests.run(() -> {
            throw new IOException("token endpoint down");
        }));
        assertFalse(AgentRequests.inProgress());
    }
}
