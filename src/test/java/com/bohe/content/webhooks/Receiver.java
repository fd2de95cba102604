package com.bohe.content.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** A webhook receiver on loopback: keeps what it is sent, and answers with the statuses it is told, then 200. */
final class Receiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body, long atNanos) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

    Receiver(Integer... firstStatuses) throws IOException {
        this(0, "thanks", firstStatuses);
    }

    /** A receiver that takes this long to answer. */
    static Receiver slow(Duration delay) throws IOException {
        return new Receiver(delay.toMillis(), "thanks");
    }

    /** A receiver that answers 200 with this body. */
    static Receiver answering(String answer) throws IOException {
        return new Receiver(0, answer);
    }

    private Receiver(long delayMillis, String thanks, Integer... firstStatuses) throws IOException {
        statuses.addAll(List.of(firstStatuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, System.nanoTime()));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            byte[] answer = (status == null ? thanks : "not now").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                // the caller gave up (a timeout, or enough of a long answer read)
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The bodies received, as maps. */
    List<Map<String, Object>> events() {
        return received.stream().map(r -> io.restassured.path.json.JsonPath.from(r.body()).<String, Object>getMap("")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
