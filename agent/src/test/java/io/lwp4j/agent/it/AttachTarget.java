package io.lwp4j.agent.it;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program the agent is attached to while it runs. A worker thread is already running (and
 * has done I/O) before the attach; after the test writes "go" to standard input, that same
 * thread writes and reads a file {@code rounds} times, then the program exits. Prints "ready"
 * when it waits and "done" at the end.
 */
public final class AttachTarget {
    private AttachTarget() {}

    public static void main(String[] args) throws Exception {
        AgentStarted.await();   // an agent given with -javaagent
        int rounds = Integer.parseInt(args[0]);
        Path f = Files.createTempFile("lwp4j-attach", ".bin");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
        Object go = new Object();
        boolean[] released = {false};
        Thread worker = Thread.ofPlatform().name("lwp4j-attach-worker").start(() -> {
            try {
                ioRounds(f, 1);
                synchronized (go) {
                    while (!released[0]) go.wait();
                }
                ioRounds(f, rounds);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("ready");
        System.out.flush();
        if (!"go".equals(stdin.readLine())) throw new IllegalStateException("expected go");
        AgentStarted.await();   // an agent just attached
        synchronized (go) {
            released[0] = true;
            go.notifyAll();
        }
        worker.join();
        Files.delete(f);
        System.out.println("done");
    }

    private static void ioRounds(Path f, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            try (FileOutputStream out = new FileOutputStream(f.toFile())) {
                out.write(new byte[512]);
            }
            try (FileInputStream in = new FileInputStream(f.toFile())) {
                in.read(new byte[512]);
            }
        }
    }
}
