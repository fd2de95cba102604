package com.bohe.content.related;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

import com.bohe.content.background.Background;
import com.bohe.content.background.Budget;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.embedding.Embeddings;
import com.bohe.content.database.PlainReads;
import com.bohe.content.search.SearchBackend;
import com.bohe.content.search.SearchConfig;

/**
 * Related lists (相关推荐) computed ahead and stored in PostgreSQL, so that a request reads one row, and a restart
 * or another instance reuses it. One background thread, taking at most its configured share of a core:
 * <ol>
 * <li>an article written on this instance gets its list within seconds of its commit, and the articles its old
 * and new lists name first (its neighbourhood, up to {@value #NEIGHBOURHOOD} of each) get theirs again, since they
 * may now list it, or list it no more;</li>
 * <li>an article whose embedding arrives gets its list again, now with meaning;</li>
 * <li>when idle, every {@code content.related.scan-interval}, lists that are missing or older than
 * {@code content.related.max-age} are computed, newest articles first.</li>
 * </ol>
 * Reads filter a stored list for visibility: it may name an article unpublished or deleted since.
 */
@ApplicationScoped
public class RelatedLists {

    /** Hits kept per article: the largest list a request may ask for. */
    public static final int STORED = 50;
    static final int NEIGHBOURHOOD = 10;
    /** Ids waiting beyond this are left to the scan for old lists. */
    private static final int MAX_WAITING = 100_000;
    private static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(RelatedLists.class);

    @Inject
    SearchBackend search;
    @Inject
    SearchConfig searchConfig;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PlainReads plain;
    @Inject
    ObjectMapper json;
    @Inject
    RelatedConfig config;
    @Inject
    Event<RelatedStored> stored;
    @Inject
    Embeddings embeddings;
    @Inject
    Background background;

    private RelatedStore store;
    /** Articles written here: computed first, and their neighbourhood after them. */
    private final Set<Long> changed = new LinkedHashSet<>();
    /** Articles whose list is due for another reason. */
    private final Set<Long> due = new LinkedHashSet<>();
    /** Lists computed on request, to be stored. */
    private final List<StoredList> toSave = new ArrayList<>();
    private volatile Worker worker;
    private volatile long lastScan;
    private final AtomicLong computed = new AtomicLong();
    private volatile String lastError;

    @PostConstruct
    void create() {
        store = new RelatedStore(dataSource, plain, json);
    }

    void start(@Observes StartupEvent event) {
        if (config.background()) {
            // A share of a core (content.related.duty); a write wakes it, and it looks every second.
            worker = background.startShared("related-lists", Pace.catchUp(config.duty(), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1)), this::round, this::backlog);
        }
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
        }
    }

    /**
     * The stored view count and list of a public article (one statement): empty when the article is not public;
     * with a list computed now (see {@link #computeNow}) when it has none stored yet.
     */
    public Optional<StoredList.Found> find(long articleId) {
        StoredList.Found found = store.find(articleId);
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(found.list() != null ? found : new StoredList.Found(found.viewCount(), computeNow(articleId)));
    }

    /**
     * Computes an article's list now (for a request that found none stored), and has it stored in the background.
     * Empty while the search index builds, or while the article is not in it yet; then nothing is stored.
     */
    public StoredList computeNow(long articleId) {
        if (!search.ready()) {
            return new StoredList(articleId, List.of(), false, Instant.now());
        }
        StoredList list = compute(articleId);
        if (list == null) {
            // Public, but not in the index yet (written on another instance a moment ago, or not yet fed to a
            // shared index): empty for now, and nothing kept; the index's application of it drops this answer.
            return new StoredList(articleId, List.of(), false, Instant.now());
        }
        synchronized (changed) {
            toSave.add(list);
        }
        wake();
        return list;
    }

    /** Lists waiting to be computed. */
    public int backlog() {
        synchronized (changed) {
            return changed.size() + due.size() + toSave.size();
        }
    }

    public long computedCount() {
        return computed.get();
    }

    public String lastError() {
        return lastError;
    }

    void onApplied(@Observes ContentApplied applied) {
        if (applied.entity() != ContentKind.ARTICLE) {
            return; // a change of a disease or a department arrives again as a change of its articles
        }
        switch (applied.origin()) {
            case WRITE -> enqueue(changed, applied.ids());
            case EMBEDDING -> enqueue(due, applied.ids());
            case CATCH_UP -> {
                // The instance that wrote it computes it; with a shared index, where its feed announces a change
                // (to every instance, once it is searchable there), the instances that do background work.
                if (searchConfig.backend() == SearchConfig.Backend.opensearch && background.sharedWork()) {
                    enqueue(changed, applied.ids());
                }
            }
        }
    }

    private void wake() {
        Worker w = worker;
        if (w != null) {
            w.wake();
        }
    }

    private void enqueue(Set<Long> queue, Collection<Long> ids) {
        synchronized (changed) {
            for (Long id : ids) {
                if (queue.size() >= MAX_WAITING) {
                    break;
                }
                queue.add(id);
            }
        }
        wake();
    }

    /**
     * Computes and stores the lists waiting, up to a batch: the changed articles first, then their neighbourhood
     * and the rest. Returns how many it computed; runs on the worker, or on the caller in tests.
     */
    public int drain() {
        int total = 0;
        while (true) {
            int n = step();
            if (n == 0) {
                return total;
            }
            total += n;
        }
    }

    private int step() {
        List<StoredList> lists;
        List<Long> spread = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        synchronized (changed) {
            lists = new ArrayList<>(toSave);
            toSave.clear();
            take(changed, spread);
            take(due, plain);
        }
        if (lists.isEmpty() && spread.isEmpty() && plain.isEmpty()) {
            return 0;
        }
        List<Long> gone = new ArrayList<>();
        Set<Long> neighbours = new LinkedHashSet<>();
        try {
            // The old neighbourhood too: an article edited away from a topic, or unpublished, leaves lists that name it.
            neighbours.addAll(store.heads(spread, NEIGHBOURHOOD));
        } catch (SQLException e) {
            LOG.debugf("Could not read the old neighbourhood of %d articles: %s", spread.size(), e.getMessage());
        }
        List<Long> all = new ArrayList<>(spread);
        all.addAll(plain);
        for (int i = 0; i < all.size(); i++) {
            Budget.yieldToReaders();
            StoredList list = compute(all.get(i));
            if (list == null) {
                gone.add(all.get(i));
                continue;
            }
            lists.add(list);
            if (i < spread.size()) {
                list.hits().stream().limit(NEIGHBOURHOOD).forEach(h -> neighbours.add(h.id()));
            }
        }
        try {
            store.save(lists);
            store.delete(gone);
            lastError = null;
        } catch (SQLException | RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Storing %d related lists failed, to be retried: %s", lists.size(), lastError);
            enqueue(due, lists.stream().map(StoredList::articleId).toList());
            return lists.size();
        }
        neighbours.removeAll(spread);
        enqueue(due, neighbours);
        List<Long> ids = new ArrayList<>(lists.stream().map(StoredList::articleId).toList());
        ids.addAll(gone);
        stored.fire(new RelatedStored(ids));
        return Math.max(1, lists.size() + gone.size());
    }

    private static void take(Set<Long> queue, List<Long> into) {
        Iterator<Long> it = queue.iterator();
        while (it.hasNext() && into.size() < BATCH) {
            into.add(it.next());
            it.remove();
        }
    }

    /** The list of an indexed article, or null when it is not in the index (not public). */
    private StoredList compute(long articleId) {
        Instant now = Instant.now();
        SearchBackend.Related related = search.related(articleId, STORED, now);
        if (related == null) {
            return null;
        }
        computed.incrementAndGet();
        return new StoredList(articleId, List.copyOf(related.hits()), related.withVector(), now);
    }

    /** Queues the public articles whose list is missing or old; returns how many. */
    public int scan() {
        try {
            var vectors = embeddings.status();
            List<Long> ids = store.due(config.maxAge().toSeconds(), vectors.enabled() && vectors.loaded() && vectors.backlog() > 0, 1_000);
            enqueue(due, ids);
            return ids.size();
        } catch (SQLException e) {
            lastError = "scan: " + e.getMessage();
            return 0;
        }
    }

    /** The worker's round: what is waiting, or else (now and then) a scan for lists missing or out of date. */
    private int round() {
        if (!search.ready()) {
            return 0;
        }
        try {
            int n = step();
            if (n == 0 && System.currentTimeMillis() - lastScan > config.scanInterval().toMillis()) {
                lastScan = System.currentTimeMillis();
                n = scan();
            }
            return n;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        }
    }
}
