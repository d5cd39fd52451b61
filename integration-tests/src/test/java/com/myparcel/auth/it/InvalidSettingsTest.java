package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A missing or malformed setting: the agent says so in exactly one stderr line naming the setting, without a stack
 * trace, and stays passive; the application runs normally.
 */
class InvalidSettingsTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    record InvalidSetting(String description, String settingName, UnaryOperator<ShipmentsAppLauncher> apply) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<InvalidSetting> invalidSettings() {
        return Stream.of(
                new InvalidSetting("no client id", "myparcel.client-id",
                        app -> app.withoutSetting("myparcel.client-id")),
                new InvalidSetting("no client secret at all", "myparcel.client-secret",
                        app -> app.withoutSetting("myparcel.client-secret-file")),
                new InvalidSetting("secret file does not exist", "myparcel.client-secret-file",
                        app -> app.setting("myparcel.client-secret-file",
                                WorkDir.get().resolve("no-such-secret.txt").toString())),
                new InvalidSetting("malformed duration", "myparcel.token-wait",
                        app -> app.setting("myparcel.token-wait", "10x")),
                new InvalidSetting("malformed refresh margin", "myparcel.refresh-margin",
                        app -> app.setting("myparcel.refresh-margin", "soon")),
                new InvalidSetting("malformed api host", "myparcel.api-hosts",
                        app -> app.setting("myparcel.api-hosts", "http://api.myparcel.com:notaport")),
                new InvalidSetting("unknown environment", "myparcel.environment",
                        app -> app.setting("myparcel.environment", "staging")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void agentReportsTheSettingOnceAndStaysPassive(InvalidSetting invalid) {
        AppRun run = invalid.apply().apply(myParcel.app()).run("list", "create").assertCompleted();

        assertEquals(List.of("200", "201"), run.statuses(), run::describe);
        List<String> agentLines = run.agentLogLines();
        assertEquals(1, agentLines.size(), run::describe);
        assertTrue(agentLines.get(0).contains(invalid.settingName()), run::describe);
        assertEquals(List.of(), run.stackTraceLines(), run::describe);
        assertEquals(List.of(), myParcel.tokenRequests(), "a passive agent fetches no token");
        myParcel.apiRequests().forEach(request -> assertNull(Requests.authorization(request), run::describe));
    }
}
