package io.lwp4j.bench.startup;

/** The smallest program: what the agent costs a short-lived tool. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
