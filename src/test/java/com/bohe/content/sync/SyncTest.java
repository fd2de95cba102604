package com.bohe.content.sync;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.views.ViewCounter;

@QuarkusTest
class SyncTest {

    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    Tokens tokens;
    @Inject
    TestData data;
    @Inject
    ViewCounter counter;
    @Inject
    SyncKey key;

    /** What a whole sync (every page) held, and the token of the next. */
    record Synced(List<String> entries, List<String> deleted, Map<String, Map<String, Object>> documents, String token, int pages) {

        Set<String> entrySet() {
            return new HashSet<>(entries);
        }

        Set<String> deletedSet() {
            return new HashSet<>(deleted);
        }
    }

    private static JsonPath page(String token, String type, int limit) {
        var request = given().queryParam("limit", limit);
        if (token != null) {
            request.queryParam("token", token);
        }
        if (type != null) {
            request.queryParam("type", type);
        }
        return request.when().get("/sync").then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.startsWith("public, max-age="))
                .extract().jsonPath();
    }

    /** Follows nextPageToken to the end; between pages, runs what the test does while an app pages. */
    private static Synced sync(String token, String type, int limit, Runnable betweenPages) {
        List<String> entries = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, Map<String, Object>> documents = new HashMap<>();
        String next = token;
        int pages = 0;
        while (true) {
            JsonPath page = page(next, pages == 0 ? type : null, limit);
            pages++;
            List<Map<String, Object>> items = page.getList("entries");
            for (Map<String, Object> item : items) {
                String key = item.get("type") + ":" + item.get("id");
                entries.add(key);
                @SuppressWarnings("unchecked")
                Map<String, Object> document = (Map<String, Object>) item.get("data");
                documents.put(key, document);
            }
            for (Map<String, Object> item : page.<Map<String, Object>>getList("deleted")) {
                deleted.add(item.get("type") + ":" + item.get("id"));
            }
            assertTrue(items.size() + page.getList("deleted").size() <= limit, "a page holds at most limit");
            String nextPage = page.getString("nextPageToken");
            String nextSync = page.getString("nextSyncToken");
            assertTrue(nextPage == null ^ nextSync == null, "exactly one of the tokens: " + nextPage + " / " + nextSync);
            if (nextSync != null) {
                return new Synced(entries, deleted, documents, nextSync, pages);
            }
            next = nextPage;
            if (betweenPages != null) {
                betweenPages.run();
                betweenPages = null;
            }
        }
    }

    private static Synced sync(String token) {
        return sync(token, null, 1000, null);
    }

    private static Set<String> publicEntries() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> keys = new HashSet<>();
            for (ContentKind kind : ContentKind.values()) {
                String where = kind == ContentKind.ARTICLE ? " WHERE status = 'published' AND published_at <= now()" : "";
                for (Object id : Panache.getEntityManager(Department.class)
                        .createNativeQuery("SELECT id FROM " + kind.key() + where).getResultList()) {
                    keys.add(kind.key() + ":" + ((Number) id).longValue());
                }
            }
            return keys;
        });
    }

    @Test
    void anInitialSyncHoldsEveryPublicEntryOnceWithTheDocumentGetAnswers() {
        data.article(data.department("同步草稿科"), "同步测试草稿", com.bohe.content.article.ArticleStatus.draft, null);
        data.article(data.department("同步定时科"), "同步测试定时", com.bohe.content.article.ArticleStatus.published,
                Instant.now().plus(1, ChronoUnit.DAYS));
        Set<String> expected = publicEntries();
        Synced synced = sync(null, null, 37, null);

        assertEquals(synced.entries().size(), synced.entrySet().size(), "no entry twice");
        assertEquals(expected, synced.entrySet());
        assertThat(synced.deleted(), empty());
        assertTrue(synced.pages() > 1, "paged: " + synced.pages());
        for (ContentKind kind : ContentKind.values()) {
            String some = synced.entries().stream().filter(k -> k.startsWith(kind.key() + ":")).findFirst().orElseThrow();
            String path = "/" + kind.key() + "s/" + some.substring(some.indexOf(':') + 1);
            Map<String, Object> got = given().when().get(path).then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(got, synced.documents().get(some), "the document of " + some + " is GET " + path + "'s");
        }
    }

    @Test
    void aTypeFilterSyncsOnlyThoseKindsAndKeepsThemInItsToken() {
        Synced doctors = sync(null, "doctor,hospital", 1000, null);
        assertTrue(doctors.entries().stream().allMatch(k -> k.startsWith("doctor:") || k.startsWith("hospital:")),
                doctors.entries().toString());
        assertEquals(publicEntries().stream().filter(k -> k.startsWith("doctor:") || k.startsWith("hospital:"))
                .collect(Collectors.toSet()), doctors.entrySet());
        given().queryParam("token", doctors.token()).queryParam("type", "article").when().get("/sync")
                .then().statusCode(400).body("errors.field", hasItem("type"));
        given().queryParam("token", doctors.token()).queryParam("type", "hospital,doctor").when().get("/sync")
                .then().statusCode(200);
    }

    @Test
    void aDeltaHoldsExactlyWhatChangedAndWhatLeft() throws Exception {
        String marker = "同步" + System.nanoTime();
        Department department = data.department(marker + "科");
        Disease disease = data.disease(marker + "病", department);
        long keep = create(marker + "不变", department, disease, Instant.now().minusSeconds(60));
        long update = create(marker + "更新", department, null, Instant.now().minusSeconds(60));
        long unpublish = create(marker + "撤回", department, null, Instant.now().minusSeconds(60));
        long delete = create(marker + "删除", department, null, Instant.now().minusSeconds(60));
        long viewed = create(marker + "浏览", department, null, Instant.now().minusSeconds(60));
        String token = awaitSettled(sync(null).token());

        long created = create(marker + "新建", department, null, Instant.now().minusSeconds(60));
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("summary", "新摘要")).when().patch("/articles/" + update).then().statusCode(200);
        given().auth().oauth2(tokens.admin()).when().post("/articles/" + unpublish + "/unpublish").then().statusCode(200);
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/articles/" + delete).then().statusCode(204);
        Map<String, Object> draft = article(marker + "草稿", department, null, null);
        draft.put("status", "draft");
        long drafted = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(draft)
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
        given().header("User-Agent", TestData.BROWSER).when().post("/articles/" + viewed + "/views").then().statusCode(200);
        counter.flush();
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("name", marker + "病改名")).when().patch("/diseases/" + disease.id).then().statusCode(200);

        Synced delta = syncUntil(token, s -> s.entrySet().containsAll(Set.of("article:" + created, "disease:" + disease.id))
                && s.deletedSet().contains("article:" + delete));
        assertEquals(Set.of("article:" + created, "article:" + update, "disease:" + disease.id, "article:" + keep),
                delta.entrySet(), "created, updated, the disease edited and the article that names it; not the draft "
                        + drafted + " nor the viewed " + viewed);
        assertEquals(Set.of("article:" + unpublish, "article:" + delete), delta.deletedSet());
        assertEquals(delta.entries().size(), delta.entrySet().size());
        assertEquals(List.of(marker + "病改名"), ((List<?>) delta.documents().get("article:" + keep).get("diseases")).stream()
                .map(d -> ((Map<?, ?>) d).get("name")).toList(), "the article's document names the disease anew");

        Synced quiet = sync(delta.token());
        assertThat("nothing since", quiet.entries(), empty());
        assertThat(quiet.deleted(), empty());

        given().auth().oauth2(tokens.admin()).when().post("/articles/" + unpublish + "/publish").then().statusCode(200);
        Synced back = syncUntil(quiet.token(), s -> !s.entries().isEmpty());
        assertEquals(Set.of("article:" + unpublish), back.entrySet(), "published again");
        assertThat(back.deleted(), empty());
    }

    @Test
    void aNewSubDepartmentChangesItsParentsDocument() {
        String marker = "同步科室" + System.nanoTime();
        long parent = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(Map.of("name", marker))
                .when().post("/departments").then().statusCode(201).extract().jsonPath().getLong("id");
        String token = awaitSettled(sync(null).token());
        long child = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", marker + "子", "parent", String.valueOf(parent)))
                .when().post("/departments").then().statusCode(201).extract().jsonPath().getLong("id");
        Synced delta = syncUntil(token, s -> s.entrySet().contains("department:" + child));
        assertEquals(Set.of("department:" + parent, "department:" + child), delta.entrySet());
        assertEquals(List.of(child), ((List<?>) delta.documents().get("department:" + parent).get("children")).stream()
                .map(c -> ((Number) ((Map<?, ?>) c).get("id")).longValue()).toList());
    }

    @Test
    void aScheduledArticleAppearsOnceDueWithNoWrite() {
        String marker = "同步定时" + System.nanoTime();
        Department department = data.department(marker + "科");
        String settled = awaitSettled(sync(null).token());
        long scheduled = create(marker, department, null, Instant.now().plusSeconds(4));
        // One sync while it is not yet due: its token lies past the article's write.
        Synced before = sync(settled);
        assertThat(before.entries(), not(hasItem("article:" + scheduled)));
        String token = before.token();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> sync(token).entrySet(), equalTo(Set.of("article:" + scheduled)));
        assertEquals("article:" + scheduled, sync(token).entries().get(0));
    }

    @Test
    void changesCommittedWhilePagingAreNeitherLostNorDoubled() {
        String marker = "同步翻页" + System.nanoTime();
        Department department = data.department(marker + "科");
        String start = awaitSettled(sync(null).token());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(marker + i, department, null, Instant.now().minusSeconds(60)));
        }
        awaitSettled(start);
        long[] added = new long[1];
        // Pages of two, in the order of the writes: after the first page (ids 0 and 1), one sent and one not yet
        // sent change, and one is added.
        Synced during = sync(start, null, 2, () -> {
            given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                    .body(Map.of("summary", "翻页时改了")).when().patch("/articles/" + ids.get(0)).then().statusCode(200);
            given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                    .body(Map.of("summary", "翻页时改了")).when().patch("/articles/" + ids.get(4)).then().statusCode(200);
            added[0] = create(marker + "翻页时新建", department, null, Instant.now().minusSeconds(60));
        });
        assertEquals(during.entries().size(), during.entrySet().size(), "no entry twice within a sync: " + during.entries());
        assertEquals(List.of("article:" + ids.get(0), "article:" + ids.get(1)), during.entries().subList(0, 2));
        assertThat("changed after the sync began: the next one's", during.entries(), not(hasItem("article:" + ids.get(4))));
        assertThat(during.entries(), not(hasItem("article:" + added[0])));
        Set<String> changedDuring = Set.of("article:" + ids.get(0), "article:" + ids.get(4), "article:" + added[0]);
        Synced after = syncUntil(during.token(), s -> s.entrySet().containsAll(changedDuring));
        assertEquals(changedDuring, after.entrySet());
        Set<String> union = new HashSet<>(during.entrySet());
        union.addAll(after.entrySet());
        assertTrue(union.containsAll(ids.stream().map(id -> "article:" + id).toList()), "none lost: " + union);
    }

    @Test
    void badTokensAreRefusedAndAnOldOneIsGone() {
        String token = sync(null, "department", 1000, null).token();
        String[] parts = token.split("\\.");
        char flipped = parts[0].charAt(3) == 'A' ? 'B' : 'A';
        String tampered = parts[0].substring(0, 3) + flipped + parts[0].substring(4) + "." + parts[1];
        for (String bad : List.of(tampered, "garbage", "a.b", token + "x", ".", token.replace('.', '-'), "%00", "null")) {
            given().queryParam("token", bad).when().get("/sync").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("token"));
        }
        for (String limit : List.of("0", "1001", "-1", "x", "99999999999")) {
            given().queryParam("limit", limit).when().get("/sync").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().queryParam("type", "articles").when().get("/sync").then().statusCode(400).body("errors.field", hasItem("type"));
        given().queryParam("type", "").queryParam("limit", 1).when().get("/sync").then().statusCode(200)
                .body("entries.type", equalTo(List.of("department")));

        long old = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(91, ChronoUnit.DAYS));
        String expired = new SyncToken(SyncToken.mask(Set.of(ContentKind.ARTICLE)), 5, old, 0, 0, -1, 0, 0).encode(key.get());
        given().queryParam("token", expired).when().get("/sync").then().statusCode(410)
                .contentType("application/problem+json").body("type", equalTo("/problems/sync-token-expired"));
        long recent = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(89, ChronoUnit.DAYS));
        String kept = new SyncToken(SyncToken.mask(Set.of(ContentKind.ARTICLE)), 5, recent, 0, 0, -1, 0, 0).encode(key.get());
        given().queryParam("token", kept).when().get("/sync").then().statusCode(200);
    }

    @Test
    void theLimitHoldsWhateverTheSpelling() {
        JsonPath page = page(null, null, 3);
        assertEquals(3, page.getList("entries").size());
        assertNotNull(page.getString("nextPageToken"));
        assertNull(page.getString("nextSyncToken"));
        given().queryParam("limit", "+3").when().get("/sync/").then().statusCode(200);
        given().when().post("/sync").then().statusCode(405);
    }

    /** Syncs from a token until a delta satisfies a check (a horizon waits for transactions still running). */
    private static Synced syncUntil(String token, java.util.function.Predicate<Synced> done) {
        Synced[] last = new Synced[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = sync(token);
            return done.test(last[0]);
        });
        return last[0];
    }

    /** A token after which nothing this test did before is left: what a background transaction held back is past. */
    private static String awaitSettled(String token) {
        String[] at = { token };
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Synced delta = sync(at[0]);
            at[0] = delta.token();
            return delta.entries().isEmpty() && delta.deleted().isEmpty();
        });
        return at[0];
    }

    private long create(String title, Department department, Disease disease, Instant publishedAt) {
        Map<String, Object> body = article(title, department, disease, publishedAt);
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> article(String title, Department department, Disease disease, Instant publishedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("body", "同步测试的正文:" + title + "。");
        body.put("department", department.slug);
        body.put("diseases", disease == null ? List.of() : List.of(disease.slug));
        body.put("status", "published");
        body.put("publishedAt", publishedAt == null ? null : publishedAt.toString());
        return body;
    }
}
