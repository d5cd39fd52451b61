package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.CLIENT_SECRET;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Neither the client secret nor any token ever appears in the app's stdout or stderr, even at debug level. */
class SecretHygieneTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void debugLoggingShowsNoSecretAndNoToken() {
        myParcel.rejectFirstRequest("GET", "/shipments", jsonApi(200, FakeMyParcel.SHIPMENTS_BODY));

        AppRun run = myParcel.app()
                .setting("myparcel.log-level", "debug")
                .run("list", "create", "get", myParcel.foreignUrl(TestHosts.OTHER, "/x"))
                .assertCompleted();

        assertFalse(run.agentLogLines().isEmpty(), () -> "debug level logged nothing: this test proves nothing\n"
                + run.describe());
        assertEquals(2, myParcel.issuedTokens().size(), "a token was replaced after the 401");
        List<String> secrets = new ArrayList<>(myParcel.issuedTokens());
        secrets.add(CLIENT_SECRET);
        assertNoneAppears(secrets, run);
    }

    @Test
    void inlineSecretIsNotShownWhenAnotherSettingIsInvalid() {
        String inlineSecret = "inline-secret-" + System.nanoTime();

        AppRun run = myParcel.app()
                .withoutSetting("myparcel.client-secret-file")
                .setting("myparcel.client-secret", inlineSecret)
                .setting("myparcel.token-wait", "10x")
                .setting("myparcel.log-level", "debug")
                .run("list")
                .assertCompleted();

        assertFalse(run.agentLogLines().isEmpty(), run::describe);
        assertNoneAppears(List.of(inlineSecret), run);
    }

    private static void assertNoneAppears(List<String> secrets, AppRun run) {
        for (String secret : secrets) {
            assertFalse(run.stdout().contains(secret), () -> "stdout shows " + secret);
            assertFalse(run.stderr().contains(secret), () -> "stderr shows " + secret);
        }
    }
}
