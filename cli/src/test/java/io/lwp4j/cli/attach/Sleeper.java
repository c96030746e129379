package io.lwp4j.cli.attach;

/** A JVM to attach to: says "ready" once running, then waits to be destroyed. */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
