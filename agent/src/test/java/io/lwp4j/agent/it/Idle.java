package io.lwp4j.agent.it;

/** Does nothing for the given number of milliseconds, then says so. */
public final class Idle {
    private Idle() {}

    public static void main(String[] args) throws Exception {
        Thread.sleep(Long.parseLong(args[0]));
        System.out.println("idle done");
    }
}
