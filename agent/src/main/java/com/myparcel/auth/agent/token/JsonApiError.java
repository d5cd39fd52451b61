package com.myparcel.auth.agent.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The first error of a JSON:API error document ({@code {"errors":[{"code":"14000","title":…}]}}),
 * the format of MyParcel.com's auth server and API.
 */
final class JsonApiError {

    final String code;
    final String title;

    private JsonApiError(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The first error, or null when the body is not a JSON:API error document. */
    static JsonApiError readFirst(InputStream body) {
        if (body == null) {
            return null;
        }
        try (JsonParser json = TokenJson.FACTORY.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("errors") && value == JsonToken.START_ARRAY
                        && json.nextToken() == JsonToken.START_OBJECT) {
                    return readError(json);
                }
                json.skipChildren();
            }
        } catch (IOException e) {
            // not JSON: the caller reports the bare status
        }
        return null;
    }

    private static JsonApiError readError(JsonParser json) throws IOException {
        String code = null;
        String title = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (value.isScalarValue() && field.equals("code")) {
                code = json.getText();
            } else if (value.isScalarValue() && field.equals("title")) {
                title = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return new JsonApiError(code, title);
    }
}
