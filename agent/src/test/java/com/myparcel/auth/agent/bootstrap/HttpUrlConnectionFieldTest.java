package com.myparcel.auth.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import java.net.HttpURLConnection;
import java.net.URL;
import org.junit.jupiter.api.Test;

class HttpUrlConnectionFieldTest {

    /** The transformer tells a class that has the agent's fields by this prefix, and must keep them. */
    @Test
    void theFieldIsNamedAsTheAgentsFieldsAre() {
        assertTrue(HttpUrlConnectionField.NAME.startsWith(ClassInstrumentation.FIELD_PREFIX));
    }

    /** Without the agent (as for a class loaded before it) there is no field, and nothing is kept in one. */
    @Test
    void withoutTheFieldNothingIsKept() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:9/").openConnection();
        assertFalse(HttpUrlConnectionField.exists());
        assertNull(HttpUrlConnectionField.setIfAbsent(connection, "state"));
        assertNull(HttpUrlConnectionField.get(connection));
    }
}
