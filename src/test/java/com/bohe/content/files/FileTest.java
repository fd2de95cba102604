package com.bohe.content.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;

import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

@QuarkusTest
class FileTest {

    @Inject
    Tokens tokens;
    @Inject
    MeterRegistry registry;

    private String token;

    @BeforeEach
    void token() {
        token = tokens.read(Scopes.FILES_WRITE);
    }

    private long upload(byte[] bytes, String type) {
        return given().auth().oauth2(token).contentType(type).body(bytes)
                .queryParam("alt", "两种颜色").queryParam("title", "测试图")
                .post("/files").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private Response asset(long id, String query) {
        return given().get("/assets/" + id + (query.isEmpty() ? "" : "?" + query));
    }

    @Test
    void aRawUploadAnswersItsMetadataAndPlaceholder() {
        byte[] jpeg = Pictures.jpeg(400, 300);
        Response created = given().auth().oauth2(token).contentType("image/jpeg").body(jpeg)
                .queryParam("alt", "红蓝两半").queryParam("filename", "halves.jpg")
                .post("/files");
        created.then().statusCode(201)
                .header("Location", matchesPattern("/files/[0-9]+"))
                .body("type", equalTo("image/jpeg"))
                .body("width", equalTo(400))
                .body("height", equalTo(300))
                .body("bytes", equalTo(jpeg.length))
                .body("sha256", equalTo(FileService.sha256(jpeg)))
                .body("alt", equalTo("红蓝两半"))
                .body("filename", equalTo("halves.jpg"))
                .body("blurhash", matchesPattern("[0-9A-Za-z#$%*+,\\-.:;=?@\\[\\]^_{|}~]{6,}"))
                .body("dominantColor", matchesPattern("#[0-9a-f]{6}"))
                .body("createdAt", notNullValue());
        long id = created.jsonPath().getLong("id");
        // Half red (220,20,20), half blue (20,20,220): the mean is a purple near (120,20,120).
        String color = created.jsonPath().getString("dominantColor");
        int r = Integer.parseInt(color.substring(1, 3), 16);
        int g = Integer.parseInt(color.substring(3, 5), 16);
        int b = Integer.parseInt(color.substring(5, 7), 16);
        assertThat(r, allOf(greaterThanOrEqualTo(100), lessThanOrEqualTo(140)));
        assertThat(g, allOf(greaterThanOrEqualTo(10), lessThanOrEqualTo(40)));
        assertThat(b, allOf(greaterThanOrEqualTo(100), lessThanOrEqualTo(140)));
        // Public metadata, the same.
        given().get("/files/" + id).then().statusCode(200).body("id", equalTo((int) id)).body("url", equalTo("/assets/" + id));
    }

    @Test
    void aBrowserFormUploadTakesTheFilePartAndItsFields() {
        byte[] png = Pictures.png(120, 80);
        given().auth().oauth2(token).multiPart("file", "logo.png", png, "image/png")
                .multiPart(new MultiPartSpecBuilder("医院标志").controlName("alt").charset("UTF-8").build())
                .multiPart(new MultiPartSpecBuilder("标志").controlName("title").charset("UTF-8").build())
                .post("/files").then().statusCode(201)
                .body("type", equalTo("image/png"))
                .body("width", equalTo(120)).body("height", equalTo(80))
                .body("alt", equalTo("医院标志")).body("title", equalTo("标志")).body("filename", equalTo("logo.png"));
        given().auth().oauth2(token).multiPart("picture", "logo.png", png, "image/png")
                .post("/files").then().statusCode(400).body("errors.field", hasItem("file"));
    }

    @Test
    void theBytesDecideTheTypeWhateverItWasCalled() {
        byte[] png = Pictures.png(50, 40);
        given().auth().oauth2(token).contentType("image/jpeg").body(png).post("/files")
                .then().statusCode(201).body("type", equalTo("image/png"));
        // Not a picture at all, called one.
        given().auth().oauth2(token).contentType("image/jpeg").body("<svg onload=alert(1)>".getBytes())
                .post("/files").then().statusCode(415).body("status", equalTo(415));
        // A type that is not a picture.
        given().auth().oauth2(token).contentType("text/plain").body("hello").post("/files").then().statusCode(415);
        // A JPEG cut short after its header: recognised, but its pixels cannot be decoded.
        byte[] jpeg = Pictures.jpeg(200, 200);
        byte[] cut = java.util.Arrays.copyOf(jpeg, 40);
        given().auth().oauth2(token).contentType("image/jpeg").body(cut).post("/files").then().statusCode(422);
        given().auth().oauth2(token).contentType("image/png").body(new byte[0]).post("/files").then().statusCode(400);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWhateverItsFraming() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        given().auth().oauth2(token).contentType("image/jpeg").body(big).post("/files").then().statusCode(413);
        // Chunked: no Content-Length to refuse by; counted as it arrives.
        given().auth().oauth2(token).contentType("image/jpeg").body(new java.io.ByteArrayInputStream(big)).post("/files")
                .then().statusCode(413);
    }

    @Test
    void hostileSpellingsOfFilesAndTheirFields() {
        long id = upload(Pictures.png(8, 8), "image/png");
        // alt, title and filename are bounded and free of NUL.
        given().auth().oauth2(token).contentType("image/png").body(Pictures.png(8, 8)).queryParam("alt", "x".repeat(501))
                .post("/files").then().statusCode(400).body("errors.field", hasItem("alt"));
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"alt\": \"a\\u0000b\"}").patch("/files/" + id).then().statusCode(400);
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8").body("[1]")
                .patch("/files/" + id).then().statusCode(400);
        // A value too long is a 400 whether the file is there or not (the body is checked first).
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"title\": \"" + "t".repeat(201) + "\"}").patch("/files/999999999").then().statusCode(400)
                .body("errors.field", hasItem("title"));
        // A malformed Content-Type is not a picture type.
        given().auth().oauth2(token).header("Content-Type", "image/").body(Pictures.png(8, 8)).post("/files")
                .then().statusCode(415);
        given().header("Content-Type", "image/").get("/assets/" + id + "?width=16").then().statusCode(200);
        // Answered before any operation, whatever it takes (a 500 of the REST layer before): not the contract's to list.
        given().noFilters().auth().oauth2(tokens.admin()).header("Content-Type", "/").post("/articles/1/publish").then()
                .statusCode(415).contentType("application/problem+json");
        // 01 and +1 are the file 1's spellings as for every id of this API; abc and 1.5 are not ids.
        given().get("/files/0" + id).then().statusCode(200).body("id", equalTo((int) id));
        given().get("/files/1.5").then().statusCode(400);
        given().get("/assets/-1").then().statusCode(404);
        // A GIF is served as PNG (its first frame).
        long gif = upload(Pictures.write(Pictures.halves(20, 10, false), "gif"), "image/gif");
        asset(gif, "width=16").then().statusCode(200).contentType("image/png");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = Pictures.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length, lessThan(100));
        given().auth().oauth2(token).contentType("image/png").body(bomb).post("/files")
                .then().statusCode(422).body("detail", containsString("100000×100000"));
    }

    @Test
    void uploadsNeedTheFilesScope() {
        byte[] png = Pictures.png(10, 10);
        given().contentType("image/png").body(png).post("/files").then().statusCode(401);
        given().auth().oauth2(tokens.read(Scopes.WRITE)).contentType("image/png").body(png).post("/files").then().statusCode(403);
        given().get("/files").then().statusCode(401);
        given().auth().oauth2(tokens.read(Scopes.WRITE)).get("/files").then().statusCode(403);
        given().auth().oauth2(token).get("/files").then().statusCode(200).body("items", notNullValue());
    }

    @Test
    void theExifOrientationIsAppliedAndNoMetadataIsServed() {
        // Stored 80×40 (red left, blue right), to be turned a quarter right: shown 40×80, red on top.
        byte[] photo = Pictures.withExif(Pictures.jpeg(80, 40), 6);
        assertThat(Pictures.jpegMarkers(photo), hasItem(0xe1));
        long id = given().auth().oauth2(token).contentType("image/jpeg").body(photo).post("/files")
                .then().statusCode(201).body("width", equalTo(40)).body("height", equalTo(80))
                .extract().jsonPath().getLong("id");
        byte[] served = asset(id, "").then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage image = Pictures.read(served);
        assertThat(image.getWidth(), equalTo(40));
        assertThat(image.getHeight(), equalTo(80));
        assertThat(new java.awt.Color(image.getRGB(20, 10)).getRed(), greaterThan(150));
        assertThat(new java.awt.Color(image.getRGB(20, 70)).getBlue(), greaterThan(150));
        // No EXIF (APP1), no XMP, no comment: GPS included.
        assertThat(Pictures.jpegMarkers(served), everyItem(not(org.hamcrest.Matchers.oneOf(0xe1, 0xed, 0xfe))));
        assertThat(new String(served, java.nio.charset.StandardCharsets.ISO_8859_1), not(containsString("Exif")));
        byte[] small = asset(id, "width=16").then().statusCode(200).extract().asByteArray();
        assertThat(Pictures.jpegMarkers(small), everyItem(not(org.hamcrest.Matchers.oneOf(0xe1))));
        assertThat(Pictures.read(small).getWidth(), equalTo(16));
        assertThat(Pictures.read(small).getHeight(), equalTo(32));
    }

    @Test
    void variantsHaveTheirSizeFitAndFormat() {
        long id = upload(Pictures.jpeg(400, 200), "image/jpeg");
        BufferedImage cover = Pictures.read(asset(id, "width=128&height=128").then().statusCode(200).extract().asByteArray());
        assertThat(cover.getWidth(), equalTo(128));
        assertThat(cover.getHeight(), equalTo(128));
        BufferedImage inside = Pictures.read(asset(id, "width=128&height=128&fit=inside").then().statusCode(200).extract().asByteArray());
        assertThat(inside.getWidth(), equalTo(128));
        assertThat(inside.getHeight(), equalTo(64));
        BufferedImage contain = Pictures.read(asset(id, "width=128&height=128&fit=contain&format=png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
        assertThat(contain.getWidth(), equalTo(128));
        assertThat(contain.getHeight(), equalTo(128));
        assertThat(contain.getRGB(64, 2) >>> 24, equalTo(0)); // padded with transparency
        BufferedImage outside = Pictures.read(asset(id, "width=128&height=128&fit=outside").then().statusCode(200).extract().asByteArray());
        assertThat(outside.getWidth(), equalTo(256));
        assertThat(outside.getHeight(), equalTo(128));
        BufferedImage big = Pictures.read(asset(id, "width=800").then().statusCode(200).extract().asByteArray());
        assertThat(big.getWidth(), equalTo(800));
        BufferedImage kept = Pictures.read(asset(id, "width=800&withoutEnlargement=true").then().statusCode(200).extract().asByteArray());
        assertThat(kept.getWidth(), equalTo(400));
        byte[] webp = asset(id, "width=64&format=webp&quality=50").then().statusCode(200).contentType("image/webp")
                .extract().asByteArray();
        assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII), equalTo("WEBP"));
        assertThat(Pictures.read(webp).getWidth(), equalTo(64));
    }

    @Test
    void fineDetailIsAveragedNotAliased() {
        // One-pixel stripes of black and white: skipping pixels would give black or white, averaging gives grey.
        BufferedImage stripes = new BufferedImage(1600, 1600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1600; y++) {
            for (int x = 0; x < 1600; x++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0x000000 : 0xffffff);
            }
        }
        long id = upload(Pictures.write(stripes, "png"), "image/png");
        BufferedImage small = Pictures.read(asset(id, "width=16").then().statusCode(200).extract().asByteArray());
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                assertThat(new java.awt.Color(small.getRGB(x, y)).getGreen(), allOf(greaterThanOrEqualTo(100), lessThanOrEqualTo(156)));
            }
        }
    }

    @Test
    void everyParameterOffTheAllowListIsA400() {
        long id = upload(Pictures.jpeg(64, 64), "image/jpeg");
        for (String query : List.of("width=801", "width=0800", "width=%2B800", "width=800.0", "width=-800", "width=",
                "width=800&width=640", "height=99999999999", "fit=COVER", "fit=fill", "format=gif", "format=avif",
                "quality=76", "quality=075", "withoutEnlargement=1", "withoutEnlargement=TRUE", "w=800", "null=null",
                "width=null")) {
            asset(id, query).then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().get("/assets/abc").then().statusCode(400);
        // Signed URLs are off without a key: a signature is a 400, not a way around the lists.
        asset(id, "width=333&signature=abc").then().statusCode(400).body("errors.field", hasItem("signature"));
        given().get("/assets/999999999").then().statusCode(404);
        asset(id, "width=64").then().statusCode(200);
    }

    @Test
    void anAnswerIsCachedForAYearAndRevalidatedWithoutItsBytes() {
        long id = upload(Pictures.jpeg(64, 64), "image/jpeg");
        Response first = asset(id, "width=32");
        first.then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Surrogate-Key", "file-" + id)
                .header("ETag", matchesPattern("\"[^\"]+\""));
        String etag = first.header("ETag");
        // Not format=auto: the same bytes whatever the Accept.
        assertThat(List.of(first.header("Vary").split(",")).stream().map(String::strip).toList(), everyItem(not(org.hamcrest.Matchers.oneOf("Accept"))));
        given().header("If-None-Match", etag).get("/assets/" + id + "?width=32").then().statusCode(304)
                .header("ETag", etag);
        given().header("If-None-Match", "W/" + etag).get("/assets/" + id + "?width=32").then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get("/assets/" + id + "?width=32").then().statusCode(200);
        // Another variant has another tag.
        assertThat(asset(id, "width=16").header("ETag"), not(equalTo(etag)));
    }

    @Test
    void aKeptAnswerIsTheResourcesAnswerAgain() {
        long id = upload(Pictures.jpeg(64, 64), "image/jpeg");
        for (String accept : List.of("image/webp,*/*", "image/jpeg")) {
            Response first = given().accept(accept).get("/assets/" + id + "?width=32&format=auto");
            Response again = given().accept(accept).get("/assets/" + id + "?width=32&format=auto");
            first.then().statusCode(200);
            again.then().statusCode(200);
            for (String header : List.of("Content-Type", "Cache-Control", "ETag", "Vary", "Surrogate-Key", "Cache-Tag",
                    "Content-Disposition", "Content-Length")) {
                assertThat(header, again.header(header), equalTo(first.header(header)));
            }
            assertThat(again.asByteArray(), equalTo(first.asByteArray()));
        }
        // With a token: private, never from what was kept for the public.
        given().auth().oauth2(token).get("/assets/" + id + "?width=32&format=auto").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
    }

    @Test
    void autoPicksWebpByAcceptAndSaysSo() {
        long id = upload(Pictures.jpeg(64, 64), "image/jpeg");
        given().accept("image/avif,image/webp,image/apng,image/*,*/*;q=0.8").get("/assets/" + id + "?format=auto&width=32")
                .then().statusCode(200).contentType("image/webp").header("Vary", containsString("Accept"));
        given().accept("image/jpeg,image/*;q=0.9").get("/assets/" + id + "?format=auto&width=32")
                .then().statusCode(200).contentType("image/jpeg").header("Vary", containsString("Accept"));
        given().accept("image/webp;q=0").get("/assets/" + id + "?format=auto&width=32")
                .then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void concurrentFirstRequestsShareOneTransform() throws Exception {
        long id = upload(Pictures.jpeg(1200, 900), "image/jpeg");
        double before = registry.counter("content_files_transforms_total", "outcome", "made").count();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> asset(id, "width=640&format=webp").then().statusCode(200).extract().asByteArray());
            }
            List<byte[]> answers = new ArrayList<>();
            for (Future<byte[]> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            for (byte[] answer : answers) {
                assertThat(answer, equalTo(answers.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.counter("content_files_transforms_total", "outcome", "made").count() - before, equalTo(1.0));
    }

    @Test
    void patchChangesAltAndNothingElse() {
        long id = upload(Pictures.png(20, 20), "image/png");
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8").body("{\"alt\": \"新的说明\"}")
                .patch("/files/" + id).then().statusCode(200).body("alt", equalTo("新的说明")).body("width", equalTo(20));
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8").body("{\"width\": 5}")
                .patch("/files/" + id).then().statusCode(400);
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8").body("{\"alt\": null}")
                .patch("/files/" + id).then().statusCode(200).body("alt", nullValue());
    }

    @Inject
    FileSweeper sweeper;
    @Inject
    FileStore store;
    @Inject
    FilesConfig config;

    @Test
    void bytesThatNoRowNamesAreSweptOnceOld() throws Exception {
        long id = upload(Pictures.png(8, 8), "image/png");
        asset(id, "width=16").then().statusCode(200);
        String orphan = java.util.UUID.randomUUID().toString();
        store.put("originals/" + orphan, new byte[] { 1 }, "image/png");
        store.put("variants/" + orphan + "/w16-h0-cover-q75.png", new byte[] { 2 }, "image/png");
        String fresh = java.util.UUID.randomUUID().toString();
        store.put("originals/" + fresh, new byte[] { 3 }, "image/png");
        // Everything but the fresh orphan is older than the orphan age: an upload in flight is never swept.
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(config.orphanAge()).minusSeconds(60));
        try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of(config.directory()))) {
            for (java.nio.file.Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                if (!p.toString().contains(fresh)) {
                    java.nio.file.Files.setLastModifiedTime(p, old);
                }
            }
        }
        assertThat(sweeper.sweep(), greaterThanOrEqualTo(1));
        assertThat(store.get("originals/" + orphan), nullValue());
        assertThat(store.get("variants/" + orphan + "/w16-h0-cover-q75.png"), nullValue());
        assertThat(store.get("originals/" + fresh), notNullValue());
        // The uploaded file and its variant stay.
        asset(id, "width=16").then().statusCode(200);
        asset(id, "").then().statusCode(200);
    }

    @Test
    void aDeletedFileIsGoneWithItsVariants() {
        long id = upload(Pictures.png(20, 20), "image/png");
        asset(id, "width=16").then().statusCode(200);
        given().auth().oauth2(token).delete("/files/" + id).then().statusCode(204);
        given().get("/files/" + id).then().statusCode(404);
        asset(id, "width=16").then().statusCode(404);
        given().auth().oauth2(token).delete("/files/" + id).then().statusCode(404);
    }
}
