package io.lwp4j.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts N threads that each write a file once and then wait, all alive together; prints
 * {@code rss_kib=... locked_kib=...} (VmRSS, VmLck) while they are, then lets them end.
 */
public final class ManyThreads {
    private ManyThreads() {}

    public static void main(String[] args) throws Exception {
        AgentStarted.await();   // its threads make buffers, which they may only once lwp4j has started
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("lwp4j-many");
        CountDownLatch wrote = new CountDownLatch(n);
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("t" + i);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Files.writeString(f, "lwp4j");
                    Files.delete(f);
                    wrote.countDown();
                    end.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        wrote.await();
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        System.out.println("rss_kib=" + kib(status, "VmRSS:") + " locked_kib=" + kib(status, "VmLck:"));
        end.countDown();
        for (Thread t : threads) t.join();
        Files.delete(dir);
    }

    private static String kib(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field)).findFirst().orElseThrow().replaceAll("\\D", "");
    }
}
