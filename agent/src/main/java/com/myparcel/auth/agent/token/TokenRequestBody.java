package com.myparcel.auth.agent.token;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The client-credentials grant as MyParcel.com expects it: a JSON object, not a form. */
final class TokenRequestBody {

    private TokenRequestBody() {
    }

    static byte[] of(String clientId, String clientSecret, String scope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = TokenJson.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("grant_type", "client_credentials");
            json.writeStringField("client_id", clientId);
            json.writeStringField("client_secret", clientSecret);
            json.writeStringField("scope", scope);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }
}
