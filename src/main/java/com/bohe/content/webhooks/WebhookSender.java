package com.bohe.content.webhooks;

import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Makes attempts: one signed POST each, to the address the URL's host was checked at ({@link UrlGuard}), within the
 * timeout, reading at most the response limit of the answer. Vert.x's client, on the event loops the application
 * already runs: an attempt costs a few callbacks, not a thread parked on it, and keeps its connection to the
 * receiver for the next.
 */
final class WebhookSender {

    private final WebhooksConfig config;
    private final Vertx vertx;
    private final HttpClient client;

    WebhookSender(WebhooksConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.senders())
                .setVerifyHost(true)
                .setForceSni(true));
    }

    void close() {
        client.close();
    }

    /** {@link #send}, with anything it throws as a failed attempt: the sender slot is given back whatever happens. */
    Future<Attempt.Result> sendQuietly(Attempt attempt) {
        try {
            return send(attempt);
        } catch (RuntimeException e) {
            return Future.succeededFuture(Attempt.Result.failure(e));
        }
    }

    /**
     * One POST, signed anew (the timestamp is the attempt's), to the address the URL's host was checked at. Completes
     * with what it came to, never failed: within the timeout, after reading at most the response limit of the answer.
     */
    Future<Attempt.Result> send(Attempt attempt) {
        UrlGuard.Checked target = UrlGuard.check(attempt.url(), config.allowPrivate());
        if (target.refusal() != null) {
            return Future.succeededFuture(new Attempt.Result(false, null, "refused: the URL " + target.refusal(), null));
        }
        long timestamp = Instant.now().getEpochSecond();
        String id = attempt.eventId().toString();
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.uri().toURL())
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "content-api-webhooks/1")
                    .putHeader("webhook-id", id)
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", WebhookSignature.sign(attempt.secret(), id, timestamp, attempt.payload()));
        } catch (MalformedURLException | IllegalArgumentException e) {
            return Future.succeededFuture(new Attempt.Result(false, null, "refused: the URL is not valid", null));
        }
        if (target.address() != null) {
            options.setServer(SocketAddress.inetSocketAddress(
                    new InetSocketAddress(target.address(), options.getPort())));
        }
        Promise<Attempt.Result> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
        long timeout = config.timeout().toMillis();
        long timer = vertx.setTimer(timeout, fired -> {
            if (outcome.tryComplete(new Attempt.Result(false, null, "timed out after " + timeout + " ms", null))
                    && sending.get() != null) {
                sending.get().reset();
            }
        });
        client.request(options).onFailure(cause -> outcome.tryComplete(Attempt.Result.failure(cause))).onSuccess(request -> {
            sending.set(request);
            request.send(Buffer.buffer(attempt.payload())).onFailure(cause -> outcome.tryComplete(Attempt.Result.failure(cause)))
                    .onSuccess(response -> read(request, response, outcome));
        });
        return outcome.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** Reads the answer up to the response limit; beyond it, the connection is dropped rather than read on. */
    private void read(HttpClientRequest request, HttpClientResponse response, Promise<Attempt.Result> outcome) {
        int limit = config.responseLimit();
        Buffer body = Buffer.buffer();
        int status = response.statusCode();
        boolean ok = status >= 200 && status < 300;
        Runnable done = () -> {
            String text = utf8Prefix(body.getBytes());
            outcome.tryComplete(new Attempt.Result(ok, status, ok ? null : "HTTP " + status, text.isEmpty() ? null : text));
        };
        response.exceptionHandler(cause -> outcome.tryComplete(Attempt.Result.failure(cause)));
        response.handler(chunk -> {
            body.appendBuffer(chunk, 0, Math.min(chunk.length(), limit - body.length()));
            if (body.length() >= limit) {
                done.run();
                request.reset();
            }
        });
        response.endHandler(end -> done.run());
    }

    /** The text of these bytes, less a character the limit cut in two. */
    static String utf8Prefix(byte[] bytes) {
        int end = bytes.length;
        int lead = end - 1;
        while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xc0) == 0x80) {
            lead--; // continuation bytes
        }
        if (lead >= 0) {
            int b = bytes[lead] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            if (lead + length > end) {
                end = lead;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
