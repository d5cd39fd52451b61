package com.example.output;

/** The JSON:API documents the library shipments apps (Spring, Jersey, OpenFeign) send, as hand-written strings (no JSON library on the class path). */
public final class ShipmentJson {

    private ShipmentJson() {
    }

    /** A new shipment; {@code reference} ends up in its description and customer reference. */
    public static String shipment(String reference) {
        return "{\"data\":{\"type\":\"shipments\",\"attributes\":{"
                + "\"description\":\"" + reference + "\","
                + "\"customer_reference\":\"order-" + reference + "-4711\","
                + "\"recipient_address\":{\"street_1\":\"Baker Street\",\"street_number\":221,"
                + "\"postal_code\":\"NW1 6XE\",\"city\":\"London\",\"country_code\":\"GB\","
                + "\"first_name\":\"Sherlock\",\"last_name\":\"Holmes\"},"
                + "\"physical_properties\":{\"weight\":500}},"
                + "\"relationships\":{\"shop\":{\"data\":{\"type\":\"shops\","
                + "\"id\":\"1ab2c3d4-0000-4000-8000-000000000001\"}}}}}";
    }

    /** A change to shipment {@code id}: its weight. */
    public static String weightUpdate(String id, int grams) {
        return "{\"data\":{\"type\":\"shipments\",\"id\":\"" + id + "\",\"attributes\":{"
                + "\"physical_properties\":{\"weight\":" + grams + "}}}}";
    }
}
