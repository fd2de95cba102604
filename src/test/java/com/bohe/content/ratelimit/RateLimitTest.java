package com.bohe.content.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.auth.Scopes;

/** Small limits, to see each one refuse with 429 and Retry-After, and count nothing it refused. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    static final String BROWSER = com.bohe.content.TestData.BROWSER;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // As behind Varnish on this host (quarkus.http.proxy.*): the client is the address the proxy names.
            return Map.ofEntries(
                    Map.entry("content.rate-limit.enabled", "true"),
                    Map.entry("content.rate-limit.views-per-article.requests", "3"),
                    Map.entry("content.rate-limit.views.requests", "5"),
                    Map.entry("content.rate-limit.writes.requests", "2"),
                    Map.entry("content.rate-limit.search.requests", "3"),
                    Map.entry("content.rate-limit.authentication-failures.requests", "4"),
                    Map.entry("content.rate-limit.transforms.requests", "2"),
                    Map.entry("content.rate-limit.uploads.requests", "1"),
                    Map.entry("content.rate-limit.sync.requests", "2"),
                    Map.entry("content.rate-limit.suggest.requests", "4"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1"));
        }
    }

    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    private long article(String title) {
        return data.article(data.department(title + "科"), title, ArticleStatus.published, Instant.now().minusSeconds(3600)).id;
    }

    private static int view(long id) {
        return given().header("User-Agent", BROWSER).post("/articles/" + id + "/views").then().extract().statusCode();
    }

    @Test
    void shouldLimitFirstVariantsPerClientButNeverStoredOnes() {
        long id = given().auth().oauth2(tokens.read(com.bohe.content.auth.Scopes.FILES_WRITE)).contentType("image/png")
                .body(com.bohe.content.files.TestPictures.png(64, 64)).post("/files").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String client = "203.0.113.71";
        given().header("X-Forwarded-For", client).get("/assets/" + id + "?width=16").then().statusCode(200);
        given().header("X-Forwarded-For", client).get("/assets/" + id + "?width=32").then().statusCode(200);
        given().header("X-Forwarded-For", client).get("/assets/" + id + "?width=48").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        // The same client, as IPv6 spells it: the same bucket.
        given().header("X-Forwarded-For", "::ffff:" + client).get("/assets/" + id + "?width=64").then().statusCode(429);
        // Variants already made cost nothing: served to this client still.
        given().header("X-Forwarded-For", client).get("/assets/" + id + "?width=16").then().statusCode(200);
        // Another client has its own first variants.
        given().header("X-Forwarded-For", "203.0.113.72").get("/assets/" + id + "?width=48").then().statusCode(200);
    }

    @Test
    void shouldLimitUploadsPerTokenBesideItsWrites() {
        String token = tokens.read(com.bohe.content.auth.Scopes.FILES_WRITE);
        given().auth().oauth2(token).contentType("image/png").body(com.bohe.content.files.TestPictures.png(8, 8))
                .post("/files").then().statusCode(201);
        given().auth().oauth2(token).contentType("image/png").body(com.bohe.content.files.TestPictures.png(8, 8))
                .post("/files").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void shouldLimitViewsPerArticleAndInAllWithoutCountingRefusedOnes() {
        long a = article("限流文章甲");
        long b = article("限流文章乙");
        long c = article("限流文章丙");
        long before = given().get("/articles/" + a).then().extract().jsonPath().getLong("viewCount");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, view(a));
        }
        given().header("User-Agent", BROWSER).post("/articles/" + a + "/views").then().statusCode(429)
                .contentType("application/problem+json").body("status", equalTo(429))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        long after = given().auth().oauth2(tokens.admin()).get("/articles/" + a).then().extract().jsonPath().getLong("viewCount");
        assertEquals(before + 3, after, "refused views are not counted");

        assertEquals(200, view(b));
        assertEquals(200, view(b)); // five views in all now
        assertEquals(429, view(c), "the client's views in all are limited too");
        // Refused before the REST layer, timed under the route's template all the same.
        assertTrue(com.bohe.content.Metrics.sum("http_server_requests_seconds_count",
                "method=\"POST\"", "uri=\"/articles/{id}/views\"", "status=\"429\"") >= 2);
    }

    @Test
    void shouldLimitSearchesButNotPlainReads() {
        String q = "限流搜索" + UUID.randomUUID().toString().substring(0, 4);
        for (int i = 0; i < 3; i++) {
            given().queryParam("q", q).get("/articles").then().statusCode(200);
        }
        given().queryParam("q", q).get("/articles").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().queryParam("q", q).get("/diseases").then().statusCode(429);
        for (int i = 0; i < 5; i++) {
            given().get("/articles?size=1").then().statusCode(200);
        }
    }

    @Test
    void shouldLimitWritesPerToken() {
        String first = tokens.create("限流一", Scopes.WRITE);
        String second = tokens.create("限流二", Scopes.WRITE);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(first).contentType(ContentType.JSON).body(Map.of("name", "限流科" + i))
                    .post("/departments").then().statusCode(201);
        }
        given().auth().oauth2(first).contentType(ContentType.JSON).body(Map.of("name", "限流科x"))
                .post("/departments").then().statusCode(429).body("status", equalTo(429));
        int status = given().auth().oauth2(second).contentType(ContentType.JSON).body(Map.of("name", "限流科y"))
                .post("/departments").then().extract().statusCode();
        assertTrue(status == 201, "another token has its own bucket, got " + status);
        given().get("/departments?size=1").then().statusCode(200).body("size", greaterThanOrEqualTo(1));
    }

    @Test
    void shouldCountViewsOfOneArticleAsOneWhateverTheSpellingOfItsId() {
        long a = article("限流写法文章");
        long before = given().auth().oauth2(tokens.admin()).get("/articles/" + a).then().extract().jsonPath().getLong("viewCount");
        String client = "203.0.113.21";
        List<String> spellings = List.of("+" + a, "%2B" + a, a + ";v=1", "0" + a + "/", a + "", "0" + a, "00" + a, a + "/");
        int counted = 0;
        for (String id : spellings) {
            int status = given().urlEncodingEnabled(false).header("X-Forwarded-For", client).header("User-Agent", BROWSER)
                    .post("/articles/" + id + "/views").then().extract().statusCode();
            assertTrue(status == 200 || status == 429, id + ": " + status);
            counted += status == 200 ? 1 : 0;
        }
        assertEquals(3, counted, "three views of one article in all, however its id is spelled");
        long after = given().auth().oauth2(tokens.admin()).get("/articles/" + a).then().extract().jsonPath().getLong("viewCount");
        assertEquals(before + 3, after);
    }

    @Test
    void shouldTreatTheSameAddressAsOneClientWhateverItsSpelling() {
        long a = article("限流地址写法");
        int counted = 0;
        for (String client : List.of("198.51.100.7", "[::ffff:198.51.100.7]", "198.51.100.7", "[::ffff:c633:6407]", "198.51.100.7")) {
            counted += given().header("X-Forwarded-For", client).header("User-Agent", BROWSER)
                    .post("/articles/" + a + "/views").then().extract().statusCode() == 200 ? 1 : 0;
        }
        assertEquals(3, counted);
        // Another reader is another bucket.
        given().header("X-Forwarded-For", "198.51.100.8").header("User-Agent", BROWSER).post("/articles/" + a + "/views")
                .then().statusCode(200);
    }

    @Test
    void shouldNotLetForgedTokensSpendARealTokensBucketAndLimitFailedAttempts() {
        String real = tokens.create("限流真令牌", Scopes.WRITE);
        String id = real.substring(4, real.indexOf('_', 4));
        String forged = "cat_" + id + "_" + "x".repeat(43);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(given().header("X-Forwarded-For", "203.0.113.66").auth().oauth2(forged).contentType(ContentType.JSON)
                    .body(Map.of("name", "伪造" + i)).post("/departments").then().extract().statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 429, 429, 429, 429), statuses, "four failures, then refused before any lookup");
        // Reads with a token from that address are refused too; reads without one are not.
        given().header("X-Forwarded-For", "203.0.113.66").auth().oauth2(real).get("/articles/1").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        given().header("X-Forwarded-For", "203.0.113.66").get("/articles?size=1").then().statusCode(200);
        // The real token, from its own address, still has its whole bucket.
        for (int i = 0; i < 2; i++) {
            given().header("X-Forwarded-For", "198.51.100.30").auth().oauth2(real).contentType(ContentType.JSON)
                    .body(Map.of("name", "真令牌科" + i + System.nanoTime())).post("/departments").then().statusCode(201);
        }
        given().header("X-Forwarded-For", "198.51.100.30").auth().oauth2(real).contentType(ContentType.JSON)
                .body(Map.of("name", "真令牌科x")).post("/departments").then().statusCode(429);
    }

    @Test
    void shouldLimitWritesWithoutAnyTokenByAddress() {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(given().header("X-Forwarded-For", "203.0.113.77").contentType(ContentType.JSON)
                    .body(Map.of("name", "匿名" + i)).post("/departments").then().extract().statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 429, 429), statuses);
        given().header("X-Forwarded-For", "203.0.113.78").contentType(ContentType.JSON)
                .body(Map.of("name", "匿名y")).post("/departments").then().statusCode(401);
    }

    @Test
    void shouldLimitThePopularListAsASearch() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "203.0.113.90").get("/articles/popular").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "203.0.113.90").get("/articles/popular/").then().statusCode(429);
    }

    @Test
    void shouldLimitSyncPagesWhateverTheSpellingOfThePath() {
        String client = "203.0.113.91";
        given().header("X-Forwarded-For", client).get("/sync?limit=1").then().statusCode(200);
        given().header("X-Forwarded-For", client).get("/sync/?limit=1").then().statusCode(200);
        given().header("X-Forwarded-For", client).urlEncodingEnabled(false).get("/%73ync?limit=1").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue()).contentType("application/problem+json");
        given().header("X-Forwarded-For", "203.0.113.92").get("/sync?limit=1").then().statusCode(200);
    }

    @Test
    void shouldLimitSuggestionsApartFromSearches() {
        String client = "203.0.113.93";
        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", client).queryParam("q", "面" + i).get("/suggest").then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).queryParam("q", "面").get("/suggest/").then().statusCode(429);
        given().header("X-Forwarded-For", client).queryParam("q", "面瘫").get("/articles").then().statusCode(200);
    }
}
