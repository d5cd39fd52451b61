package com.myparcel.auth.agent.config;

/** A setting is missing or malformed; the message is one line that names the setting and what is wrong. */
public final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem, null, false, false);
    }
}
