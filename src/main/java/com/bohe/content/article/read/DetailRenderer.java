package com.bohe.content.article.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.editing.ContentKind;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Renders article details ahead of their first reads ({@link RenderedDetails}), on one background thread that
 * takes at most {@code content.cache.render-duty} of a core: articles changed here as soon as their change
 * commits, then whatever has no current render, newest first (new or imported articles, and every article after a
 * department, disease, doctor or hospital it shows changed). Then, with no detail left, the related lists at the
 * default limit ({@link RenderedRelated}) whose stored list has no current render, newest first. A read never waits
 * for it: one that comes first renders and keeps the detail or list itself.
 */
@ApplicationScoped
class DetailRenderer {

    private static final int BATCH = 100;
    /** Related lists a round renders: one to three statements each, and a checkpoint between two. */
    private static final int LIST_BATCH = 50;
    private static final long IDLE_MILLIS = 10_000;
    /**
     * The longest wait between scans that found nothing: a scan is an anti-join over every published article
     * (316 ms of PostgreSQL at 160,000 articles), so an idle renderer looks less and less often; a change made
     * here wakes it at once, one made elsewhere is rendered within this (or by its first read).
     */
    private static final long MAX_IDLE_MILLIS = 300_000;

    @Inject
    DetailCache details;
    @Inject
    RenderedDetails rendered;
    @Inject
    ReadConfig config;
    @Inject
    Background background;
    @Inject
    RelatedReads related;

    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private volatile Worker worker;

    void start(@Observes @jakarta.annotation.Priority(40) SchemaReady event) {
        if (config.renderBackground()) {
            worker = background.startShared("detail-renderer", Pace.catchUp(config.renderDuty(), Duration.ofMillis(IDLE_MILLIS),
                    Duration.ofMillis(MAX_IDLE_MILLIS), Duration.ofMillis(IDLE_MILLIS)), this::round, changed::size);
        }
    }

    @PreDestroy
    void stop() {
        Worker w = worker;
        worker = null;
        if (w != null) {
            w.stop(Duration.ofSeconds(1));
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        Worker w = worker;
        if (change.entity() == ContentKind.ARTICLE && w != null) {
            changed.addAll(change.ids());
            w.wake();
        }
    }

    private int round() {
        List<Long> ids = next();
        if (!ids.isEmpty()) {
            details.renderAhead(ids);
            return ids.size();
        }
        // Counted as kept, not as found: a list that cannot be kept is not looked for again at once.
        List<Long> lists = related.unrendered(LIST_BATCH);
        return lists.isEmpty() ? 0 : related.renderAhead(lists);
    }

    /** The articles changed here first, then those with no current render. */
    private List<Long> next() {
        List<Long> ids = new ArrayList<>();
        for (Long id : changed) {
            if (ids.size() >= BATCH) {
                break;
            }
            changed.remove(id);
            ids.add(id);
        }
        return ids.isEmpty() ? QuarkusTransaction.requiringNew().call(() -> rendered.missing(BATCH)) : ids;
    }
}
