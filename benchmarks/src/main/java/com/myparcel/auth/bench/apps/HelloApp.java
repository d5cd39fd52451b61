package com.myparcel.auth.bench.apps;

/**
 * The smallest application: prints one line in main and returns. The runner times the line's arrival
 * (end of main) and the process's end. Nothing else may happen here: it is what the agent's start-up
 * cost is measured against.
 */
public final class HelloApp {

    public static final String END_OF_MAIN = "END_OF_MAIN";

    private HelloApp() {
    }

    public static void main(String[] args) {
        System.out.println(END_OF_MAIN);
    }
}
