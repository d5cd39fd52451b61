package com.example.logging;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * An application's own java.util.logging LogManager (as JBoss LogManager or log4j-jul are): every logger under
 * {@code com.example.} it creates writes {@code CUSTOM-LOG <level> <logger> <message>} to stdout, and nothing else
 * does. So a {@code CUSTOM-LOG} line proves this manager, not the JDK's, is in charge.
 */
public class CustomLogManager extends LogManager {

    public CustomLogManager() {
        super();
    }

    @Override
    public boolean addLogger(Logger logger) {
        boolean added = super.addLogger(logger);
        if (added && logger.getName().startsWith("com.example.")) {
            logger.setUseParentHandlers(false);
            logger.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    System.out.println("CUSTOM-LOG " + record.getLevel() + " " + record.getLoggerName() + " "
                            + record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        }
        return added;
    }
}
