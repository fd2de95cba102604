package com.bohe.content.api.http;

import com.bohe.content.api.problem.ProblemMapper;
import com.bohe.content.api.problem.RouteProblems;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Body limits per route, counted in bytes as they arrive, whatever the framing (a Content-Length or chunks; the
 * API speaks HTTP/1.1, see quarkus.http.http2 in application.properties): a write's JSON body is read here up to {@code content.write.max-body-size} (1 MiB) and handed to
 * the REST layer, and one byte more is a 413 problem at once; an import's NDJSON streams through {@link #limited} up
 * to {@code content.write.max-import-size}. A Content-Length over the limit is refused before a byte is read. Runs
 * before every route of the API but those of /q/.
 */
@ApplicationScoped
public class BodyLimits {

    /** The route whose body streams to disk with the import limit; every other write has the JSON limit. */
    public static final String IMPORT_PATH = "/import";
    /** The route of uploads: its body is read here like a JSON one, with the upload limit. */
    public static final String FILES_PATH = "/files";
    /** RFC 9110's media-type: type "/" subtype, then parameters. */
    private static final java.util.regex.Pattern MEDIA_TYPE = java.util.regex.Pattern.compile(
            "\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*(;.*)?", java.util.regex.Pattern.DOTALL);
    private static final Set<HttpMethod> WITHOUT_BODY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    BodyLimitsConfig config;
    @Inject
    com.bohe.content.files.FilesConfig files;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        // Only methods that may carry a body: reads pass by without a call.
        router.route().order(RouteOrder.BODY_LIMIT).method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!WITHOUT_BODY.contains(request.method()) && !request.path().startsWith("/q/")) {
            String type = request.getHeader("Content-Type");
            if (type != null && !MEDIA_TYPE.matcher(type).matches()) {
                // The REST layer would fail to parse it (a 500); it names no media type this API takes.
                RouteProblems.send(context, json, 415, "Unsupported Media Type", "The Content-Type header is not a media type.");
                return;
            }
        }
        if (WITHOUT_BODY.contains(request.method()) || request.path().startsWith("/q/")
                || request.getHeader("Content-Length") == null && request.getHeader("Transfer-Encoding") == null) {
            context.next(); // no body comes
            return;
        }
        if (request.isEnded()) {
            context.setBody(Buffer.buffer()); // it came and went before any handler: nothing to read
            context.next();
            return;
        }
        boolean importing = isImport(context.normalizedPath());
        long limit = importing ? config.maxImportSize()
                : isUpload(request.method(), context.normalizedPath()) ? files.maxUploadSize() : config.maxBodySize();
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long size;
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                RouteProblems.send(context, json, 400, "Bad Request", "Content-Length must be a whole number.");
                return;
            }
            if (size > limit) {
                tooLarge(context, limit);
                return;
            }
        }
        if (importing) {
            context.next(); // streamed to disk through limited(); never held in memory
        } else {
            readBody(context, limit);
        }
    }

    /**
     * Reads a JSON body here, counting its bytes as they arrive: one byte over the limit is a 413 problem at once,
     * and the rest is never read. The body, empty or not, is handed to the REST layer, which reads it from the
     * routing context rather than from the request.
     */
    private void readBody(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                tooLarge(context, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> refused[0] = true); // the client went: nothing to answer
        request.endHandler(ended -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            context.response().writeContinue(); // within its limit by Content-Length: send it
        }
        request.resume();
    }

    private static boolean isUpload(HttpMethod method, String path) {
        return method == HttpMethod.POST && (path.equals(FILES_PATH) || path.equals(FILES_PATH + "/"));
    }

    private static boolean isImport(String path) {
        return path.equals(IMPORT_PATH) || path.equals(IMPORT_PATH + "/");
    }

    private void tooLarge(RoutingContext context, long limit) {
        // The rest of the body is not read: the connection goes once the answer is out.
        context.response().putHeader("Connection", "close");
        RouteProblems.send(context, json, 413, "Request Entity Too Large", "The body is larger than " + limit + " bytes.");
    }

    /** An import's body, which fails with {@link PayloadTooLargeException} (413) past the import limit. */
    public InputStream limited(InputStream body) {
        long limit = config.maxImportSize();
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw new PayloadTooLargeException(limit);
                }
            }
        };
    }

    /** Mapped to 413 by {@link ProblemMapper}. */
    public static class PayloadTooLargeException extends RuntimeException {
        public PayloadTooLargeException(long limit) {
            super("The body is larger than " + limit + " bytes.");
        }
    }
}
