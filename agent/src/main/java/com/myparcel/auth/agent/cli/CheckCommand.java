package com.myparcel.auth.agent.cli;

import com.myparcel.auth.agent.config.InvalidSettingException;
import com.myparcel.auth.agent.config.SettingSources;
import com.myparcel.auth.agent.config.Settings;
import com.myparcel.auth.agent.config.SettingsLoader;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.TokenEndpointClient;
import com.myparcel.auth.agent.token.TokenEndpointException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code check}: proves before a deploy that the settings work, by fetching a token exactly as the
 * agent would. Prints what an operator needs, never the secret or the token.
 */
final class CheckCommand {

    static final int SETTINGS = 2;
    static final int REFUSED = 3;
    static final int UNREACHABLE = 4;

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run() {
        Settings settings;
        try {
            settings = new SettingsLoader(SettingSources.fromJvm(null)).load();
        } catch (InvalidSettingException e) {
            err.println("check failed: " + e.getMessage());
            return SETTINGS;
        }
        out.println("environment:    " + settings.environment().settingValue());
        out.println("token endpoint: " + settings.authUrl());
        out.println("API hosts:      " + String.join(", ", settings.apiDestinations().describe()));
        out.println("client:         " + settings.abbreviatedClientId());
        Clock clock = Clock.systemUTC();
        AccessToken token;
        try {
            token = new TokenEndpointClient(settings.authUrl(), settings.clientId(), settings.clientSecret(),
                    settings.scope(), clock).fetch();
        } catch (TokenEndpointException e) {
            err.println("check failed: " + explain(e));
            return e.isRefusal() ? REFUSED : UNREACHABLE;
        } catch (IOException e) {
            err.println("check failed: cannot reach the token endpoint " + settings.authUrl() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); check the URL, DNS, proxy (https.proxyHost) and trust store");
            return UNREACHABLE;
        }
        out.println("token:          " + token.fingerprint() + " (fingerprint)");
        out.println("expires:        " + token.expiresAt() + " (in "
                + Duration.between(clock.instant(), token.expiresAt()).getSeconds() + " s)");
        out.println("scopes:         " + (token.scope() == null ? "(the token does not say)" : token.scope()));
        out.println("OK: requests to the API hosts above will be authorized");
        return AgentCommandLine.OK;
    }

    static String explain(TokenEndpointException e) {
        if ("14000".equals(e.code())) {
            return "MyParcel.com refused the client: code 14000 \"" + e.title()
                    + "\"; check myparcel.client-id and the client secret, and myparcel.environment"
                    + " (sandbox credentials do not work in production)";
        }
        if ("14001".equals(e.code())) {
            return "MyParcel.com refused the scope: code 14001 \"" + e.title() + "\"; check myparcel.scope";
        }
        return e.getMessage();
    }
}
