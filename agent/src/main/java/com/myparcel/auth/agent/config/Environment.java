package com.myparcel.auth.agent.config;

/** MyParcel.com environments and the defaults each one implies. */
public enum Environment {
    PRODUCTION("https://auth.myparcel.com/access-token", "api.myparcel.com"),
    SANDBOX("https://auth.sandbox.myparcel.com/access-token", "api.sandbox.myparcel.com,sandbox-api.myparcel.com");

    private final String defaultAuthUrl;
    private final String defaultApiHosts;

    Environment(String defaultAuthUrl, String defaultApiHosts) {
        this.defaultAuthUrl = defaultAuthUrl;
        this.defaultApiHosts = defaultApiHosts;
    }

    public String defaultAuthUrl() {
        return defaultAuthUrl;
    }

    public String defaultApiHosts() {
        return defaultApiHosts;
    }

    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
