package com.bohe.content.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.id.uuid.UuidVersion7Strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.bohe.content.api.caching.SurrogateKeys;
import com.bohe.content.editing.ContentWritten;
import com.bohe.content.files.FileWritten;
import com.bohe.content.importing.ImportFinished;

/**
 * Writes webhook events into the outbox table in the transaction of the change that made them: a change that rolls
 * back leaves no event, and no committed change is without its event. The dispatcher sends them, after the commit,
 * to the subscribers that asked for them. Each event's payload is written once, so every attempt sends the same
 * signed bytes.
 */
@ApplicationScoped
public class Outbox {

    /** An import names at most this many changed resources in its import.finished; beyond, their kinds. */
    static final int IMPORT_KEYS = 1000;
    private static final long LINE_SUBSCRIBERS_FOR_NANOS = 2_000_000_000L;

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    /** What each running import of this instance changed, for the keys of its import.finished. */
    private final ConcurrentHashMap<UUID, ImportChanges> imports = new ConcurrentHashMap<>();
    private volatile boolean lineSubscribers;
    private volatile long lineSubscribersCheckedAt = System.nanoTime() - LINE_SUBSCRIBERS_FOR_NANOS;

    void written(@Observes ContentWritten write) {
        if (write.importId() != null) {
            imports.computeIfAbsent(write.importId(), id -> new ImportChanges()).add(write);
            if (!anyLineSubscribers()) {
                return;
            }
        }
        String type = WebhookEvents.typeOf(write);
        if (type == null) {
            return;
        }
        ObjectNode data = data(write);
        if (write.importId() != null) {
            data.put("importId", write.importId().toString());
        }
        insert(type, data, WebhookEvents.surrogateKeys(write), write.importId() != null, false);
    }

    private ObjectNode data(ContentWritten write) {
        return json.createObjectNode()
                .put("kind", write.kind().key())
                .put("id", write.id())
                .put("slug", write.slug())
                .put("path", "/" + SurrogateKeys.all(write.kind().key()) + "/" + write.id());
    }

    /** file.created or file.deleted, with the key a CDN purges (its variants and everything that shows it). */
    void fileWritten(@Observes FileWritten file) {
        ObjectNode data = json.createObjectNode().put("kind", "file").put("id", file.id()).put("path", file.path());
        insert(file.type(), data, List.of(SurrogateKeys.of("file", file.id())), false, false);
    }

    void importFinished(@Observes ImportFinished finished) {
        ImportChanges changes = imports.remove(finished.id());
        ObjectNode data = json.createObjectNode()
                .put("importId", finished.id().toString())
                .put("status", finished.status())
                .put("linesRead", finished.linesRead())
                .put("created", finished.created())
                .put("updated", finished.updated())
                .put("unchanged", finished.unchanged())
                .put("failed", finished.failed())
                .put("message", finished.message())
                .put("path", "/imports/" + finished.id());
        insert(WebhookEvents.IMPORT_FINISHED, data, changes == null ? List.of() : changes.keys(), false, false);
    }

    /** An event as its outbox row holds it. */
    record Row(UUID id, String type, Instant occurredAt, String payload) {
    }

    /** The article.published event of a scheduled article that has become due. */
    Row becameDue(long id, String slug) {
        ContentWritten write = new ContentWritten(com.bohe.content.editing.ContentKind.ARTICLE, id, slug, false, true, false, null);
        return row(WebhookEvents.typeOf(write), data(write), WebhookEvents.surrogateKeys(write));
    }

    /** A test event for one subscriber only: written with its delivery, already marked sent, so no other gets it. */
    UUID ping(long webhookId) {
        ObjectNode data = json.createObjectNode().put("webhookId", webhookId)
                .put("message", "A test event: this webhook is set up.");
        UUID id = insert(WebhookEvents.PING, data, List.of(), false, true);
        entityManager.createNativeQuery("INSERT INTO webhook_delivery (webhook_id, event_id, event_type) VALUES (?1, ?2, ?3)")
                .setParameter(1, webhookId).setParameter(2, id).setParameter(3, WebhookEvents.PING).executeUpdate();
        return id;
    }

    /** Called when a subscriber changes on this instance; the others see it within two seconds. */
    void subscribersChanged() {
        lineSubscribersCheckedAt = System.nanoTime() - LINE_SUBSCRIBERS_FOR_NANOS;
    }

    private UUID insert(String type, ObjectNode data, List<String> keys, boolean importLine, boolean fannedOut) {
        // Time-ordered (version 7): the events' key and their deliveries' grow at their right edge rather than at
        // random pages of the index, and an id tells receivers which of two events came first.
        Row row = row(type, data, keys);
        entityManager.createNativeQuery("INSERT INTO webhook_event (id, type, occurred_at, payload, import_line, fanned_out) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, row.id()).setParameter(2, type).setParameter(3, row.occurredAt().atOffset(ZoneOffset.UTC))
                .setParameter(4, row.payload()).setParameter(5, importLine).setParameter(6, fannedOut)
                .executeUpdate();
        return row.id();
    }

    private Row row(String type, ObjectNode data, List<String> keys) {
        UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        Instant now = Instant.now();
        ObjectNode payload = json.createObjectNode().put("id", id.toString()).put("type", type)
                .put("timestamp", now.toString());
        payload.set("data", data);
        payload.set("surrogateKeys", json.valueToTree(keys));
        return new Row(id, type, now, payload.toString());
    }

    private boolean anyLineSubscribers() {
        if (System.nanoTime() - lineSubscribersCheckedAt >= LINE_SUBSCRIBERS_FOR_NANOS) {
            lineSubscribers = (Boolean) entityManager
                    .createNativeQuery("SELECT EXISTS (SELECT 1 FROM webhook WHERE line_events AND active)")
                    .getSingleResult();
            lineSubscribersCheckedAt = System.nanoTime();
        }
        return lineSubscribers;
    }

    /** The resources an import changed, up to {@link #IMPORT_KEYS}, and their kinds. */
    private static final class ImportChanges {
        private final Set<String> keys = new LinkedHashSet<>();
        private final Set<String> kinds = new TreeSet<>();
        private boolean truncated;

        synchronized void add(ContentWritten write) {
            kinds.add(write.kind().key());
            if (keys.size() < IMPORT_KEYS) {
                keys.add(SurrogateKeys.of(write.kind().key(), write.id()));
            } else {
                truncated = true;
            }
        }

        /** Each resource's key and its kind's lists; only the kinds' keys when there were too many to name. */
        synchronized List<String> keys() {
            Set<String> all = new LinkedHashSet<>();
            if (!truncated) {
                all.addAll(keys);
                kinds.forEach(kind -> all.add(SurrogateKeys.list(kind)));
            } else {
                kinds.forEach(kind -> all.add(SurrogateKeys.all(kind)));
            }
            return List.copyOf(all);
        }
    }
}
