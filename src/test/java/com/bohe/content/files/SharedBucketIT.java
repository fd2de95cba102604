package com.bohe.content.files;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.bohe.content.PackagedApp;

/**
 * Two instances of the packaged jar on one database and one S3 bucket (s3proxy in this JVM): a picture uploaded
 * to one is served by the other, a variant made by one is read from the bucket by the other rather than made
 * again, and a delete on one empties the bucket of the file and reaches the other within its metadata lifetime.
 */
class SharedBucketIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoInstancesShareOneBucket() throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        String bucket = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Server s3 = new S3Server()) {
            Map<String, String> env = new HashMap<>(s3.environment(bucket));
            env.put("CONTENT_FILES_METADATA_TTL", "1s");
            try (PackagedApp a = PackagedApp.start("files-instance-a", token, env);
                    PackagedApp b = PackagedApp.start("files-instance-b", token, env)) {
                byte[] photo = Pictures.withExif(Pictures.jpeg(640, 480), 1);
                HttpResponse<String> created = a.send(HttpRequest.newBuilder(URI.create(a.base + "/files?alt=shared"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build());
                assertEquals(201, created.statusCode(), created.body());
                Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
                assertTrue(id.find());
                String asset = "/assets/" + id.group(1) + "?width=64&format=webp";

                HttpResponse<byte[]> fromB = bytes(b.base + asset);
                assertEquals(200, fromB.statusCode());
                assertEquals(1.0, made(b), "B made the variant");
                HttpResponse<byte[]> fromA = bytes(a.base + asset);
                assertEquals(200, fromA.statusCode());
                assertArrayEquals(fromB.body(), fromA.body());
                assertEquals(0.0, made(a), "A read B's variant from the bucket instead of making it");
                assertEquals(fromB.headers().firstValue("ETag"), fromA.headers().firstValue("ETag"));

                List<String> stored = new ArrayList<>();
                try (S3FileStore store = new S3FileStore(s3.config(bucket, null))) {
                    for (String prefix : FileStore.prefixes()) {
                        store.list(prefix, o -> stored.add(o.key()));
                    }
                    assertEquals(2, stored.size(), "the original and one variant: " + stored);

                    HttpResponse<String> deleted = b.send(HttpRequest.newBuilder(URI.create(b.base + "/files/" + id.group(1)))
                            .header("Authorization", "Bearer " + token).DELETE().build());
                    assertEquals(204, deleted.statusCode(), deleted.body());
                    await().atMost(Duration.ofSeconds(10)).until(() -> bytes(a.base + asset).statusCode() == 404);
                    List<String> left = new ArrayList<>();
                    for (String prefix : FileStore.prefixes()) {
                        store.list(prefix, o -> left.add(o.key()));
                    }
                    assertEquals(List.of(), left, "the bucket holds nothing of a deleted file");
                }
            }
        }
    }

    private HttpResponse<byte[]> bytes(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Variants this instance made, by its metrics. */
    private static double made(PackagedApp app) throws Exception {
        Matcher m = Pattern.compile("content_files_transforms_total\\{outcome=\"made\"\\} ([0-9.E]+)")
                .matcher(app.managementGet("/q/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
