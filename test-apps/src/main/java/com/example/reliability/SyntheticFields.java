package com.example.reliability;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The {@code jdk-fields} command of the legacy app: one {@code FIELD <name> <type>} line per synthetic
 * field of a JDK class, the fields an agent may have added (reflection on the class's shape needs no
 * access to the JDK's internals).
 */
public final class SyntheticFields {

    private SyntheticFields() {
    }

    public static void print(String className) {
        try {
            for (Field field : Class.forName(className).getDeclaredFields()) {
                if (field.isSynthetic()) {
                    System.out.println("FIELD " + field.getName() + " " + field.getType().getName()
                            + (Modifier.isVolatile(field.getModifiers()) ? " volatile" : ""));
                }
            }
        } catch (ClassNotFoundException e) {
            System.out.println("FIELD none: " + e);
        }
    }
}
