package com.myparcel.auth.agent.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** The fields of a token endpoint answer that the agent uses, read with Jackson's streaming parser. */
final class TokenResponse {

    final String accessToken;
    final String tokenType;
    /** Seconds, or null when absent or not a number. */
    final Long expiresIn;

    private TokenResponse(String accessToken, String tokenType, Long expiresIn) {
        this.accessToken = accessToken;
        this.tokenType = tokenType;
        this.expiresIn = expiresIn;
    }

    /** @throws TokenEndpointException when the body is not a JSON object */
    static TokenResponse read(InputStream body) throws IOException {
        String accessToken = null;
        String tokenType = null;
        Long expiresIn = null;
        try (JsonParser json = TokenJson.FACTORY.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw TokenEndpointException.invalidResponse("its body is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "access_token":
                        accessToken = value == JsonToken.VALUE_STRING ? json.getText() : null;
                        break;
                    case "token_type":
                        tokenType = value == JsonToken.VALUE_STRING ? json.getText() : null;
                        break;
                    case "expires_in":
                        expiresIn = readSeconds(json, value);
                        break;
                    default:
                        json.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TokenEndpointException.invalidResponse("its body is not valid JSON");
        }
        return new TokenResponse(accessToken, tokenType, expiresIn);
    }

    private static Long readSeconds(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return json.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING && json.getText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(json.getText().trim());
        }
        json.skipChildren();
        return null;
    }
}
