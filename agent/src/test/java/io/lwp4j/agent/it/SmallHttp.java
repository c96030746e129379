package io.lwp4j.agent.it;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP program in one JVM, for small-heap runs: the JDK's HTTP server on an ephemeral
 * loopback port with a pool of four threads, and four client threads each making
 * {@code requests} GETs with {@link HttpURLConnection} (a 2 KiB body each). Prints what it
 * received, the same with or without the agent, and exits 0.
 */
public final class SmallHttp {
    private static final byte[] BODY = "lwp4j small heap\n".repeat(120).getBytes(StandardCharsets.US_ASCII);

    private SmallHttp() {}

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverPool = Executors.newFixedThreadPool(4);
        server.setExecutor(serverPool);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Long>> received = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            received.add(clients.submit(() -> {
                long bytes = 0;
                for (int i = 0; i < requests; i++) {
                    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                    try (InputStream in = connection.getInputStream()) {
                        bytes += in.readAllBytes().length;
                    }
                }
                return bytes;
            }));
        }
        long total = 0;
        for (Future<Long> f : received) total += f.get(60, TimeUnit.SECONDS);
        clients.shutdown();
        server.stop(0);
        serverPool.shutdown();
        System.out.println("small http: " + 4 * requests + " requests, " + total + " bytes received");
    }
}
