package com.bohe.content.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.bohe.content.PackagedApp;
import com.bohe.content.TestData;

/**
 * SIGTERM to the packaged jar (run by failsafe after {@code package}), on the embedded PostgreSQL, as an orchestrator
 * sends it: a request in flight (its body half sent) still finishes, views held in memory are written, a new request
 * is refused, and the process exits well within its shutdown timeout.
 */
class GracefulShutdownIT {

    private static final int VIEWS = 40;
    private PackagedApp app;

    @AfterEach
    void killLeftover() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldFinishInFlightRequestsWriteViewsAndRefuseNewOnes() throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        // nothing is written before the shutdown: only its final flush can store these views
        app = PackagedApp.start("graceful-shutdown-app", token, Map.of("CONTENT_VIEWS_FLUSH_INTERVAL", "1h"));
        int port = app.port;
        String base = app.base;

        long id = firstArticleId();
        long storedBefore = storedViews(id);
        for (int i = 0; i < VIEWS; i++) {
            assertEquals(200, app.send(HttpRequest.newBuilder(URI.create(base + "/articles/" + id + "/views"))
                    .header("User-Agent", TestData.BROWSER).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        }
        assertEquals(storedBefore, storedViews(id), "views were written before the shutdown");
        // A create whose body is half sent when SIGTERM arrives.
        String slug = "graceful-" + UUID.randomUUID();
        byte[] body = ("{\"title\": \"优雅停机\", \"body\": \"停机时仍在进行的请求会完成。\", \"slug\": \"" + slug + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket inFlight = new Socket("localhost", port)) {
            inFlight.setSoTimeout(20_000);
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300); // the server has the request's head

            long signalled = System.nanoTime();
            app.process.destroy(); // SIGTERM

            // New requests are refused (503 or no connection) while the one in flight holds the shutdown open.
            int refusedWith = awaitRefused(base + "/articles/" + id);
            assertTrue(refusedWith == 503 || refusedWith == -1, "a new request during shutdown got " + refusedWith);

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = readResponse(inFlight.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 201"), "the request in flight got: " + response);
            assertTrue(response.contains("\"slug\":\"" + slug + "\""), response);

            assertTrue(app.process.waitFor(20, TimeUnit.SECONDS), "the process did not exit within 20 s of SIGTERM");
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertTrue(exitMillis < 15_000, "exit took " + exitMillis + " ms");
            System.out.printf("GracefulShutdownIT: new request refused with %d; in-flight create 201; exit %d ms after "
                    + "SIGTERM (code %d)%n", refusedWith, exitMillis, app.process.exitValue());
        }
        assertEquals(storedBefore + VIEWS, storedViews(id), "views held in memory were lost at shutdown");
        assertEquals(1, app.count("SELECT count(*) FROM article WHERE slug = ?", slug),
                "the article created in flight is not stored");
        String appLog = app.log();
        assertTrue(appLog.contains("Final view flush: " + VIEWS + " views written"), appLog);
    }

    /** @return the status of the first request not answered 200 (or -1 when the connection is refused) */
    private int awaitRefused(String url) {
        return await("new requests refused within 5 s of SIGTERM").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                .until(() -> {
                    try {
                        int status = app.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                                .build()).statusCode();
                        return status;
                    } catch (IOException e) {
                        return -1;
                    }
                }, status -> status != 200 && status != 304);
    }

    private long firstArticleId() throws IOException, InterruptedException {
        String list = app.get("/articles?size=1").body();
        Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(list);
        assertTrue(matcher.find(), list);
        return Long.parseLong(matcher.group(1));
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        int read;
        // The server closes the connection as it shuts down, after the answer; stop at the end of a JSON body anyway.
        while ((read = in.read(buffer)) != -1) {
            text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (text.indexOf("\r\n\r\n") > 0 && text.toString().trim().endsWith("}")) {
                break;
            }
        }
        return text.toString();
    }

    private long storedViews(long id) throws SQLException {
        return app.count("SELECT view_count FROM article WHERE id = ?", id);
    }
}
