package com.bohe.content.article.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.bohe.content.editing.ContentChanged;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.editing.ContentKind;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Renders article details ahead of their first reads ({@link RenderedDetails}), on one background thread that
 * takes at most {@code content.cache.render-duty} of a core: articles changed here as soon as their change
 * commits, then whatever has no current render, newest first (new or imported articles, and every article after a
 * department, disease, doctor or hospital it shows changed). A read never waits for it: one that comes first
 * renders and keeps the detail itself.
 */
@ApplicationScoped
class DetailRenderer {

    private static final Logger LOG = Logger.getLogger(DetailRenderer.class);
    private static final int BATCH = 100;
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

    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private volatile Thread worker;

    void start(@Observes @jakarta.annotation.Priority(40) SchemaReady event) {
        if (!config.renderBackground()) {
            return;
        }
        Thread thread = new Thread(this::run, "detail-renderer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        worker = thread;
        thread.start();
    }

    @PreDestroy
    void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        if (change.entity() == ContentKind.ARTICLE && worker != null) {
            changed.addAll(change.ids());
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private void run() {
        double duty = Math.min(1, Math.max(0.05, config.renderDuty()));
        long idle = IDLE_MILLIS;
        while (worker != null) {
            try {
                long started = System.nanoTime();
                List<Long> ids = next();
                if (ids.isEmpty()) {
                    synchronized (signal) {
                        if (changed.isEmpty()) {
                            signal.wait(idle);
                        }
                    }
                    idle = Math.min(MAX_IDLE_MILLIS, idle * 2);
                    continue;
                }
                idle = IDLE_MILLIS;
                details.renderAhead(ids);
                long busy = System.nanoTime() - started;
                Thread.sleep((long) (busy * (1 - duty) / duty / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debugf("Rendering details ahead failed, retried later: %s", e.getMessage());
                try {
                    Thread.sleep(IDLE_MILLIS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
