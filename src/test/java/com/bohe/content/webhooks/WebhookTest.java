package com.bohe.content.webhooks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

import com.bohe.content.background.Background;
import com.bohe.content.Tokens;
import com.bohe.content.article.ArticleEditor;
import com.bohe.content.auth.Scopes;
import com.bohe.content.editing.ExpectedVersion;

@QuarkusTest
class WebhookTest {

    static final String NDJSON = "application/x-ndjson";

    @Inject
    Tokens tokens;
    @Inject
    ArticleEditor articles;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    WebhooksConfig config;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Vertx vertx;
    @Inject
    Background background;

    /**
     * Proves an absence without guessing a time: waits until the dispatcher has begun {@code polls} more polls (each
     * looks at every event and due delivery) and the next round after them, and nothing it sent is still in flight.
     */
    private void settleAfterPolls(int polls) {
        long target = dispatcher.polls() + polls + 1;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> dispatcher.polls() >= target && dispatcher.inFlight() == 0);
    }

    /** Subscribers outlive their receivers: gone after each test, so that later writes queue nothing for them. */
    @AfterEach
    void unsubscribeAll() {
        for (Object id : given().auth().oauth2(tokens.admin()).when().get("/webhooks?size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id")) {
            given().auth().oauth2(tokens.admin()).when().delete("/webhooks/" + id).then().statusCode(204);
        }
    }

    private JsonPath subscribe(String url, List<String> events, boolean lineEvents) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", events, "lineEvents", lineEvents))
                .when().post("/webhooks")
                .then().statusCode(201).extract().jsonPath();
    }

    private long publishArticle(String title) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", "网络钩子测试的正文:" + title + "。", "status", "published"))
                .when().post("/articles")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath deliveries(long webhook) {
        return given().auth().oauth2(tokens.admin()).when().get("/webhooks/" + webhook + "/deliveries?size=100")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldAnnounceUploadedAndDeletedFilesWithTheirPurgeKey() throws Exception {
        try (Receiver receiver = new Receiver()) {
            subscribe(receiver.url(), List.of("file.*"), false);
            long id = given().auth().oauth2(tokens.admin()).contentType("image/png")
                    .body(com.bohe.content.files.TestPictures.png(8, 8)).when().post("/files")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                    .body("{\"alt\": \"新说明\"}").when().patch("/files/" + id).then().statusCode(200);
            given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                    .body("{\"filename\": \"only-the-name.png\"}").when().patch("/files/" + id).then().statusCode(200);
            given().auth().oauth2(tokens.admin()).when().delete("/files/" + id).then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().stream().filter(e -> id(e) == id).count() >= 3);
            settleAfterPolls(2);
            List<Map<String, Object>> events = receiver.events().stream().filter(e -> id(e) == id)
                    .sorted(java.util.Comparator.comparing(e -> java.time.Instant.parse((String) e.get("timestamp")))).toList();
            // A new filename shows nowhere: no event.
            assertEquals(List.of("file.created", "file.updated", "file.deleted"), events.stream().map(e -> e.get("type")).toList());
            assertEquals(List.of("file-" + id), events.get(2).get("surrogateKeys"));
            assertEquals("/assets/" + id, ((Map<?, ?>) events.get(0).get("data")).get("path"));
        }
    }

    @Test
    void shouldShowTheSecretOnceAndNeverAgain() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath created = subscribe(receiver.url(), List.of("article.*"), false);
            String secret = created.getString("secret");
            assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{32}"), secret);
            long id = created.getLong("id");

            String one = given().auth().oauth2(tokens.admin()).when().get("/webhooks/" + id)
                    .then().statusCode(200).body("url", equalTo(receiver.url())).body("events", equalTo(List.of("article.*")))
                    .extract().asString();
            String list = given().auth().oauth2(tokens.admin()).when().get("/webhooks?size=100")
                    .then().statusCode(200).body("items.id", hasItem((int) id)).extract().asString();
            String patched = given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                    .body("{\"description\": \"改过\"}").when().patch("/webhooks/" + id)
                    .then().statusCode(200).body("description", equalTo("改过")).extract().asString();
            for (String answer : List.of(one, list, patched)) {
                assertFalse(answer.contains(secret), "the secret is not shown again");
                assertFalse(answer.contains("\"secret\""), "nor is its field: " + answer);
            }
        }
    }

    @Test
    void shouldSendASignedArticleUpdatedThatTheDocumentedSnippetVerifies() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath webhook = subscribe(receiver.url(), List.of("article.*"), false);
            String secret = webhook.getString("secret");
            long article = publishArticle("网络钩子签名测试");
            given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                    .header("If-Match", "*").body("{\"title\": \"网络钩子签名测试(改)\"}").when().patch("/articles/" + article).then().statusCode(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
            // Deliveries run a few at once and may arrive in either order: receivers order by the event's time.
            List<Map<String, Object>> events = receiver.events().stream()
                    .sorted(java.util.Comparator.comparing(e -> java.time.Instant.parse((String) e.get("timestamp")))).toList();
            assertEquals(List.of("article.published", "article.updated"), events.stream().map(e -> e.get("type")).toList());
            String publishedId = (String) events.get(0).get("id");
            String updatedId = (String) events.get(1).get("id");
            assertEquals(List.of(7, 7), List.of(UUID.fromString(publishedId).version(), UUID.fromString(updatedId).version()));
            assertTrue(publishedId.compareTo(updatedId) < 0, "the later event has the greater id: " + events);
            Map<?, ?> data = (Map<?, ?>) events.get(1).get("data");
            assertEquals((int) article, data.get("id"));
            assertEquals("/articles/" + article, data.get("path"));
            assertEquals(List.of("article-" + article), events.get(1).get("surrogateKeys"));
            assertEquals(List.of("article-" + article, "list-articles"), events.get(0).get("surrogateKeys"),
                    "publishing changes the lists too");

            for (Receiver.Received r : receiver.received()) {
                assertEquals(JsonPath.from(r.body()).getString("id"), r.id(), "webhook-id is the event's id");
                assertTrue(r.signature().startsWith("v1,"), r.signature());
                assertTrue(StandardWebhooksVerifier.verify(secret, r.id(), r.timestamp(), r.body(), r.signature()));
                assertFalse(StandardWebhooksVerifier.verify(secret, r.id(), r.timestamp(),
                        r.body().replace("article", "artic1e"), r.signature()), "a tampered body fails");
                assertFalse(StandardWebhooksVerifier.verify(WebhookSignature.newSecret(), r.id(), r.timestamp(), r.body(),
                        r.signature()), "another secret fails");
                assertFalse(StandardWebhooksVerifier.verify(secret, r.id(),
                        Long.toString(Long.parseLong(r.timestamp()) - 3600), r.body(), r.signature()), "an old timestamp fails");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of("succeeded", "succeeded"),
                    deliveries(webhook.getLong("id")).getList("items.status")));
        }
    }

    @Test
    void shouldAnnounceAScheduledArticleWhenItBecomesDueNotWhenItIsSaved() throws Exception {
        try (Receiver receiver = new Receiver()) {
            subscribe(receiver.url(), List.of("*"), false);
            java.time.Instant due = java.time.Instant.now().plusSeconds(5);
            long id = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("title", "定时发布的钩子测试", "body", "到点才公开的正文。", "status", "published",
                            "publishedAt", due.toString()))
                    .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
            // An edit while it waits is not news to readers either.
            given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json").header("If-Match", "*")
                    .body(Map.of("summary", "改了摘要")).when().patch("/articles/" + id).then().statusCode(200);
            settleAfterPolls(1); // a poll looked, still before it is due
            assertEquals(List.of(), receiver.events().stream().filter(e -> id(e) == id).toList(),
                    "nothing is sent while the article is not public");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().stream().anyMatch(e -> id(e) == id));
            settleAfterPolls(2); // and once only, though every poll looks again
            List<Map<String, Object>> sent = receiver.events().stream().filter(e -> id(e) == id).toList();
            assertEquals(1, sent.size(), "one event: " + sent);
            assertEquals("article.published", sent.get(0).get("type"));
            assertTrue(!java.time.Instant.parse((String) sent.get(0).get("timestamp")).isBefore(due), "sent once due: " + sent);
            assertEquals(List.of("article-" + id, "list-articles"), sent.get(0).get("surrogateKeys"));
        }
    }

    @SuppressWarnings("unchecked")
    private static long id(Map<String, Object> event) {
        Object data = event.get("data");
        return data instanceof Map<?, ?> d && d.get("id") instanceof Number n ? n.longValue() : -1;
    }

    @Test
    void shouldWakeTheDispatcherOnEveryWriteAfterContentWrittenBeforeItStarted() throws Exception {
        // The demo content was written before the dispatcher started; that must not leave it deaf to later writes
        // (it did: deliveries then went out only at each poll, four a second).
        try (Receiver receiver = new Receiver()) {
            subscribe(receiver.url(), List.of("article.*"), false);
            for (int i = 1; i <= 3; i++) {
                long before = dispatcher.wokenCycles();
                publishArticle("网络钩子唤醒测试 " + i);
                await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.wokenCycles() > before);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 3);
            assertEquals(3, receiver.events().stream().filter(e -> "article.published".equals(e.get("type"))).count());
        }
    }

    @Test
    void shouldRetryWithBackoffAndRecordOneSuccess() throws Exception {
        try (Receiver receiver = new Receiver(503, 500)) {
            long webhook = subscribe(receiver.url(), List.of("import.finished"), false).getLong("id");
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/ping")
                    .then().statusCode(202).body("eventType", equalTo("webhook.ping")).body("status", equalTo("pending"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath list = deliveries(webhook);
                assertEquals(List.of("succeeded"), list.getList("items.status"));
                assertEquals(3, list.getInt("items[0].attempts"));
                assertEquals(200, list.getInt("items[0].lastStatus"));
                assertEquals("thanks", list.getString("items[0].response"));
            });
            List<Receiver.Received> got = receiver.received();
            assertEquals(3, got.size(), "two failures, then one success");
            assertEquals(1, got.stream().map(Receiver.Received::id).distinct().count(), "the same event each time");
            // The test schedule waits 200 ms, then 400 ms, each within a fifth.
            long firstGap = (got.get(1).atNanos() - got.get(0).atNanos()) / 1_000_000;
            long secondGap = (got.get(2).atNanos() - got.get(1).atNanos()) / 1_000_000;
            assertTrue(firstGap >= 160, "first retry after " + firstGap + " ms");
            assertTrue(secondGap >= 320, "second retry after " + secondGap + " ms");
        }
    }

    @Test
    void shouldFailAfterTheLastRetryAndReplayOnRequest() throws Exception {
        try (Receiver receiver = new Receiver(500, 500, 500, 500)) {
            long webhook = subscribe(receiver.url(), List.of("import.finished"), false).getLong("id");
            long delivery = given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/ping")
                    .then().statusCode(202).extract().jsonPath().getLong("id");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath list = deliveries(webhook);
                assertEquals("failed", list.getString("items[0].status"));
                assertEquals(4, list.getInt("items[0].attempts"), "the first attempt and three retries");
                assertEquals("HTTP 500", list.getString("items[0].lastError"));
            });
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/deliveries/" + delivery + "/retry")
                    .then().statusCode(202).body("status", equalTo("pending"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals("succeeded", deliveries(webhook).getString("items[0].status")));
            assertEquals(5, receiver.received().size());
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/deliveries/999999/retry")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void shouldWriteNoEventForAnEditThatRollsBack() {
        long article = publishArticle("网络钩子回滚测试");
        long before = events(article);
        QuarkusTransaction.begin();
        try {
            articles.patch(article, json.createObjectNode().put("title", "不会提交的标题"), ExpectedVersion.ANY, "test");
            assertEquals(before + 1, countEvents(article), "the event is written in the edit's transaction");
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(before, events(article), "and goes with it");
        articles.patch(article, json.createObjectNode().put("title", "提交的标题"), ExpectedVersion.ANY, "test");
        assertEquals(before + 1, events(article), "a committed edit keeps its event");
    }

    /** Committed events of the article. */
    private long events(long article) {
        return QuarkusTransaction.requiringNew().call(() -> countEvents(article));
    }

    /** Events of the article that the current transaction sees. */
    private long countEvents(long article) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM webhook_event "
                        + "WHERE payload::jsonb -> 'data' ->> 'kind' = 'article' AND (payload::jsonb -> 'data' ->> 'id')::bigint = ?1")
                .setParameter(1, article).getSingleResult()).longValue();
    }

    @Test
    void shouldDeliverEachEventOnceWithTwoDispatchers() throws Exception {
        Dispatcher other = new Dispatcher("other-webhook", dataSource, config, vertx, background);
        other.start(null);
        try (Receiver receiver = new Receiver()) {
            long webhook = subscribe(receiver.url(), List.of("article.*"), false).getLong("id");
            AtomicBoolean running = new AtomicBoolean(true);
            Thread second = new Thread(() -> {
                while (running.get()) {
                    try {
                        other.cycle();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            second.start();
            // Pings are deliveries written at once; articles' events are sent from the event, then recorded.
            for (int i = 0; i < 20; i++) {
                given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/ping").then().statusCode(202);
                publishArticle("两个分发器测试 " + i);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(webhook).getList("items.status").stream()
                    .filter("succeeded"::equals).count() == 40);
            running.set(false);
            second.join();
            settleAfterPolls(2); // a duplicate would have been sent by now
            Map<String, Long> perEvent = receiver.received().stream()
                    .collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
            assertEquals(40, perEvent.size());
            assertEquals(Set.of(1L), Set.copyOf(perEvent.values()), "each event once: " + perEvent);
            assertEquals(20, receiver.events().stream().filter(e -> "article.published".equals(e.get("type"))).count());
            assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "SELECT count(*) FROM webhook_event WHERE NOT fanned_out OR leased_until IS NOT NULL")
                    .getSingleResult()).longValue()), "every event marked sent, its lease ended");
            assertTrue(deliveries(webhook).getList("items.attempts", Integer.class).stream().allMatch(a -> a == 1));
        } finally {
            other.stop(null);
        }
    }

    @Test
    void shouldSendOneImportFinishedUnlessLineEventsAreAsked() throws Exception {
        try (Receiver summary = new Receiver(); Receiver lines = new Receiver()) {
            subscribe(summary.url(), List.of("import.finished", "article.*"), false);
            subscribe(lines.url(), List.of("*"), true);
            String file = String.join("\n",
                    "{\"type\": \"article\", \"slug\": \"webhook-import-1\", \"title\": \"钩子导入一\", \"body\": \"正文。\", \"status\": \"published\"}",
                    "{\"type\": \"article\", \"slug\": \"webhook-import-2\", \"title\": \"钩子导入二\", \"body\": \"正文。\", \"status\": \"published\"}",
                    "{\"type\": \"article\", \"slug\": \"webhook-import-3\", \"title\": \"钩子导入三\", \"body\": \"正文。\"}",
                    "");
            String location = given().auth().oauth2(tokens.create("webhook-importer", Scopes.IMPORT)).contentType(NDJSON)
                    .body(file.getBytes(StandardCharsets.UTF_8)).when().post("/import")
                    .then().statusCode(202).extract().header("Location");
            String importId = location.substring("/imports/".length());

            await().atMost(Duration.ofSeconds(15)).until(() -> summary.events().stream()
                    .anyMatch(e -> "import.finished".equals(e.get("type"))));
            await().atMost(Duration.ofSeconds(15)).until(() -> lines.events().size() >= 3);
            settleAfterPolls(2);
            List<Map<String, Object>> forSummary = summary.events();
            assertEquals(1, forSummary.size(), "one event for the whole import: " + forSummary);
            Map<?, ?> data = (Map<?, ?>) forSummary.get(0).get("data");
            assertEquals(importId, data.get("importId"));
            assertEquals("done", data.get("status"));
            assertEquals(3, data.get("created"));
            List<?> keys = (List<?>) forSummary.get(0).get("surrogateKeys");
            assertTrue(keys.contains("list-articles"), keys.toString());
            assertEquals(4, keys.size(), "the three articles and their lists: " + keys);

            Map<Object, Long> lineTypes = lines.events().stream()
                    .collect(Collectors.groupingBy(e -> e.get("type"), Collectors.counting()));
            assertEquals(Map.of("article.published", 2L, "import.finished", 1L), lineTypes,
                    "the draft is nobody's business; the two published ones and the summary are");
        }
    }

    @Test
    void shouldRefuseBadSubscriptionsWithFieldErrors() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://example.com/hook", "events", List.of("article.created", "article.*")))
                .when().post("/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("events[0]", "url")))
                .body("errors[1].message", containsString("http or https"));
        Map<String, Object> noEvents = new HashMap<>();
        noEvents.put("url", "http://127.0.0.1:9/hook");
        noEvents.put("events", List.of());
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(noEvents)
                .when().post("/webhooks").then().statusCode(400).body("errors.field", hasItem("events"));
    }

    @Test
    void shouldNeedTheWebhooksScope() {
        given().when().get("/webhooks").then().statusCode(401);
        given().auth().oauth2(tokens.create("writer-no-webhooks", Scopes.WRITE)).when().get("/webhooks")
                .then().statusCode(403).body("detail", containsString("webhooks:admin"));
        given().auth().oauth2(tokens.create("webhooks-admin", Scopes.WEBHOOKS_ADMIN)).when().get("/webhooks")
                .then().statusCode(200).body("items", not(equalTo(null)));
    }

    @Test
    void shouldDropTheDeliveriesOfADeletedWebhook() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long webhook = subscribe(receiver.url(), List.of("*"), false).getLong("id");
            given().auth().oauth2(tokens.admin()).when().delete("/webhooks/" + webhook).then().statusCode(204);
            given().auth().oauth2(tokens.admin()).when().get("/webhooks/" + webhook).then().statusCode(404)
                    .body("detail", startsWith("No webhook"));
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/ping").then().statusCode(404);
        }
    }

    @Test
    void shouldSendNothingThatHappensWhilePausedButPingsReplaysAndWhatFollowsResumption() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath created = subscribe(receiver.url(), List.of("article.*"), false);
            assertTrue(created.getBoolean("active"), "active unless asked otherwise");
            long webhook = created.getLong("id");
            String mergePatch = "application/merge-patch+json; charset=UTF-8";
            given().auth().oauth2(tokens.admin()).contentType(mergePatch).body("{\"active\": false}")
                    .when().patch("/webhooks/" + webhook).then().statusCode(200).body("active", equalTo(false))
                    .body("events", equalTo(List.of("article.*")));
            given().auth().oauth2(tokens.admin()).when().get("/webhooks/" + webhook)
                    .then().statusCode(200).body("active", equalTo(false));

            long whilePaused = publishArticle("网络钩子暂停时发布");
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/ping").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().stream()
                    .anyMatch(e -> "webhook.ping".equals(e.get("type"))));
            long ping = deliveries(webhook).getLong("items[0].id");
            given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + webhook + "/deliveries/" + ping + "/retry")
                    .then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().stream()
                    .filter(e -> "webhook.ping".equals(e.get("type"))).count() == 2);

            given().auth().oauth2(tokens.admin()).contentType(mergePatch).body("{\"description\": \"恢复\", \"active\": true}")
                    .when().patch("/webhooks/" + webhook).then().statusCode(200).body("active", equalTo(true));
            long afterwards = publishArticle("网络钩子恢复后发布");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().stream()
                    .anyMatch(e -> "article.published".equals(e.get("type"))));
            settleAfterPolls(2);

            List<String> sent = receiver.events().stream()
                    .map(e -> e.get("type") + " " + ((Map<?, ?>) e.get("data")).get("id")).sorted().toList();
            assertEquals(List.of("article.published " + afterwards, "webhook.ping null", "webhook.ping null"), sent,
                    "article " + whilePaused + " was published while the webhook was paused; its ping was replayed");
            assertEquals(List.of("article.published", "webhook.ping"),
                    deliveries(webhook).getList("items.eventType", String.class).stream().sorted().toList());
        }
    }

    @Test
    void shouldRecordAFailedFirstAttemptOfAnEventAndRetryIt() throws Exception {
        try (Receiver receiver = new Receiver(503)) {
            long webhook = subscribe(receiver.url(), List.of("article.*"), false).getLong("id");
            publishArticle("网络钩子首次失败测试");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath list = deliveries(webhook);
                assertEquals(List.of("succeeded"), list.getList("items.status"));
                assertEquals(2, list.getInt("items[0].attempts"), "the first attempt failed, the retry succeeded");
                assertEquals("article.published", list.getString("items[0].eventType"));
            });
            List<Receiver.Received> got = receiver.received();
            assertEquals(2, got.size());
            assertEquals(got.get(0).id(), got.get(1).id(), "the same event both times");
        }
    }

    @Test
    void shouldSendALeasedEventAfterItsLeaseOnlyToSubscribersWithoutADelivery() throws Exception {
        // As if another instance leased an event, delivered it to one subscriber, recorded that, and died.
        try (Receiver done = new Receiver(); Receiver waiting = new Receiver()) {
            long doneHook = subscribe(done.url(), List.of("article.*"), false).getLong("id");
            subscribe(waiting.url(), List.of("article.*"), false);
            UUID event = UUID.randomUUID();
            String payload = "{\"id\": \"" + event + "\", \"type\": \"article.updated\", \"data\": {}}";
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("INSERT INTO webhook_event (id, type, occurred_at, payload, leased_until) "
                        + "VALUES (?1, 'article.updated', clock_timestamp(), ?2, now() + interval '1 hour')")
                        .setParameter(1, event).setParameter(2, payload).executeUpdate();
                entityManager.createNativeQuery("INSERT INTO webhook_delivery (webhook_id, event_id, event_type, status, attempts) "
                        + "VALUES (?1, ?2, 'article.updated', 'succeeded', 1)")
                        .setParameter(1, doneHook).setParameter(2, event).executeUpdate();
            });
            settleAfterPolls(2); // polls looked: the lease holds
            assertEquals(List.of(), waiting.received(), "not sent while another instance holds the lease");

            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE webhook_event SET leased_until = now() - interval '1 second' WHERE id = ?1")
                    .setParameter(1, event).executeUpdate());
            await().atMost(Duration.ofSeconds(10)).until(() -> !waiting.received().isEmpty());
            assertEquals(event.toString(), waiting.received().get(0).id());
            await().atMost(Duration.ofSeconds(5)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    (Boolean) entityManager.createNativeQuery("SELECT fanned_out FROM webhook_event WHERE id = ?1")
                            .setParameter(1, event).getSingleResult()));
            settleAfterPolls(2);
            assertEquals(List.of(), done.received(), "the subscriber that has its delivery is not sent it again");
            assertEquals(1, waiting.received().size());
        }
    }

    @Test
    void shouldGiveUpOnASlowReceiverAndKeepOnlyTheStartOfALongAnswer() throws Exception {
        String longAnswer = "好".repeat(50_000);
        try (Receiver slow = Receiver.slow(config.timeout().plusSeconds(3)); Receiver verbose = Receiver.answering(longAnswer)) {
            long slowHook = subscribe(slow.url(), List.of("article.*"), false).getLong("id");
            long verboseHook = subscribe(verbose.url(), List.of("article.*"), false).getLong("id");
            publishArticle("网络钩子慢接收方测试");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath list = deliveries(verboseHook);
                assertEquals("succeeded", list.getString("items[0].status"));
                String kept = list.getString("items[0].response");
                assertTrue(longAnswer.startsWith(kept), "the start of the answer");
                assertTrue(kept.length() <= config.responseLimit() / 3 + 1, "at most the limit's bytes: " + kept.length());
            });
            await().atMost(config.timeout().plusSeconds(5)).untilAsserted(() -> assertEquals(
                    "timed out after " + config.timeout().toMillis() + " ms", deliveries(slowHook).getString("items[0].lastError")));
        }
    }
}
