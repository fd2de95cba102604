package com.bohe.content.importing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.background.Background;
import com.bohe.content.api.problem.ConflictException;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.problem.TooManyRequestsException;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.article.ArticleEditor;
import com.bohe.content.department.DepartmentEditor;
import com.bohe.content.disease.DiseaseEditor;
import com.bohe.content.doctor.DoctorEditor;
import com.bohe.content.hospital.HospitalEditor;

/**
 * The bulk import: NDJSON, one {@code {"type": ..., "slug": ..., ...fields}} per line, upserted by slug through
 * the same editors as the write API. Lines stream through in batches of one transaction each, so memory stays
 * flat however long the file; a bad line is reported by number and the others go ahead.
 */
@ApplicationScoped
public class ContentImport {

    static final int BATCH = 500;
    static final int MAX_ERRORS = 100;
    private static final Logger LOG = Logger.getLogger(ContentImport.class);

    @Inject
    ObjectMapper json;
    @Inject
    ImportConfig config;
    @Inject
    Event<ContentChanged> changes;
    @Inject
    Event<ImportFinished> finished;
    @Inject
    DepartmentEditor departments;
    @Inject
    HospitalEditor hospitals;
    @Inject
    DiseaseEditor diseases;
    @Inject
    DoctorEditor doctors;
    @Inject
    ArticleEditor articles;

    @Inject
    Background background;

    /** Imports run one after another, so that two files never race for the same slugs. */
    private ExecutorService worker;

    @PostConstruct
    void create() {
        worker = background.pool("content-import", 1);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Imports waiting to run on this instance, by token, and in all. */
    private final Map<String, Integer> queuedByToken = new HashMap<>();
    private int queued;

    /** A place in this instance's queue of imports, taken before the body is read. */
    public final class Admission {
        private final String token;
        private boolean held = true;

        private Admission(String token) {
            this.token = token;
        }

        /** Gives the place back: the import runs now, or never will (a body that could not be read). Once only. */
        public void release() {
            synchronized (ContentImport.this) {
                if (held) {
                    held = false;
                    queued--;
                    queuedByToken.computeIfPresent(token, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        }
    }

    /**
     * Takes a place in the queue for an import of this token: each token may have {@code content.import.queued-per-token}
     * imports waiting (besides the one running), and the instance {@code content.import.queued} in all.
     *
     * @throws TooManyRequestsException when the token's or the instance's queue is full
     */
    public synchronized Admission admit(String token) {
        if (queuedByToken.getOrDefault(token, 0) >= config.queuedPerToken() || queued >= config.queued()) {
            throw new TooManyRequestsException(30);
        }
        queuedByToken.merge(token, 1, Integer::sum);
        queued++;
        return new Admission(token);
    }

    /** Starts an import of a spooled file in the background; the file is deleted when it is done. */
    public ImportStatus start(Path file, String by, Admission admission) {
        UUID id;
        try {
            id = createJob(by);
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        worker.execute(() -> {
            admission.release(); // running now, no longer waiting
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                run(id, reader, by);
            } catch (IOException e) {
                finish(id, new Progress(), "failed", "The uploaded file could not be read back.");
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("Could not delete the spooled import file %s", file);
                }
            }
        });
        return status(id);
    }

    /** Imports on the calling thread, as the demo loader does at startup. */
    public ImportStatus runNow(Reader reader, String by) {
        UUID id = createJob(by);
        run(id, reader, by);
        return status(id);
    }

    public ImportStatus status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = ImportJob.<ImportJob>findByIdOptional(id)
                    .orElseThrow(() -> new ResourceNotFoundException("import", "id " + id));
            // The import's articles, and how many of them the embedder has marked done.
            Object[] counts = (Object[]) Panache.getEntityManager().createNativeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE embedded) FROM import_article WHERE import_id = ?1")
                    .setParameter(1, id).getSingleResult();
            return ImportStatus.from(job, ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
        });
    }

    private UUID createJob(String by) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = new ImportJob();
            job.id = id;
            job.status = "running";
            job.startedBy = by;
            job.startedAt = Instant.now();
            job.persist();
        });
        return id;
    }

    /** Imports running on this instance. */
    public int running() {
        return running.get();
    }

    /** Lines read by imports on this instance since start. */
    public long linesRead() {
        return linesRead.sum();
    }

    /** Lines that imports on this instance could not load, since start. */
    public long linesFailed() {
        return linesFailed.sum();
    }

    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder linesRead = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder linesFailed = new java.util.concurrent.atomic.LongAdder();

    private void run(UUID id, Reader reader, String by) {
        Progress progress = new Progress();
        running.incrementAndGet();
        try {
            BoundedLines lines = new BoundedLines(reader, config.maxLineLength());
            List<Line> batch = new ArrayList<>(BATCH);
            long number = 0;
            long chars = 0;
            for (BoundedLines.Line read = lines.next(); read != null; read = lines.next()) {
                number++;
                if (read.text() == null) {
                    progress.error(number, "is " + read.length() + " characters long; a line may have at most "
                            + config.maxLineLength());
                } else if (!read.text().isBlank()) {
                    batch.add(new Line(number, read.text()));
                    chars += read.length();
                }
                if (batch.size() == BATCH || chars >= config.maxBatchChars()) {
                    load(id, batch, by, progress);
                    progress.linesRead = number;
                    batch.clear();
                    chars = 0;
                    save(id, progress, "running", null);
                }
            }
            load(id, batch, by, progress);
            progress.linesRead = number;
            finish(id, progress, "done", null);
        } catch (IOException | RuntimeException e) {
            LOG.error("Import " + id + " failed", e);
            finish(id, progress, "failed", "The import stopped after line " + progress.linesRead
                    + ": the body could not be read or the database failed.");
        } finally {
            running.decrementAndGet();
        }
    }

    /** One transaction for the batch; if the database refuses it, one transaction per line finds the culprits. */
    private void load(UUID id, List<Line> batch, String by, Progress progress) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Progress done = QuarkusTransaction.requiringNew().call(() -> {
                Progress local = new Progress();
                Map<String, Long> known = new HashMap<>();
                batch.forEach(line -> loadLine(id, line, by, local, known));
                local.record(id);
                local.announce(changes);
                return local;
            });
            progress.add(done);
        } catch (RuntimeException batchFailed) {
            for (Line line : batch) {
                try {
                    progress.add(QuarkusTransaction.requiringNew().call(() -> {
                        Progress local = new Progress();
                        loadLine(id, line, by, local, new HashMap<>());
                        local.record(id);
                        local.announce(changes);
                        return local;
                    }));
                } catch (RuntimeException e) {
                    progress.error(line.number(), "the database refused it: " + rootMessage(e));
                }
            }
        }
    }

    private void loadLine(UUID id, Line line, String by, Progress progress, Map<String, Long> known) {
        ObjectNode fields;
        try {
            JsonNode node = json.readTree(line.text());
            if (node == null || !node.isObject()) {
                progress.error(line.number(), "must be a JSON object");
                return;
            }
            fields = (ObjectNode) node;
        } catch (JsonProcessingException e) {
            progress.error(line.number(), "is not valid JSON");
            return;
        }
        JsonNode type = fields.remove("type");
        Editor<?, ?, ?> editor = type == null ? null : editor(type.asText());
        if (editor == null) {
            progress.error(line.number(), "type: must be one of department, hospital, disease, doctor, article");
            return;
        }
        try {
            Editor.Imported imported = editor.upsert(fields, by, known, id);
            progress.count(type.asText(), imported);
            // Written already; a persistence context that grew with the batch would make every later query's
            // automatic flush check all of it again.
            EntityManager em = Panache.getEntityManager();
            em.flush();
            em.clear();
        } catch (InvalidRequestException e) {
            progress.error(line.number(), e.getMessage());
        } catch (ConflictException | ResourceNotFoundException e) {
            progress.error(line.number(), e.getMessage());
        }
    }

    private Editor<?, ?, ?> editor(String type) {
        return switch (type) {
            case "department" -> departments;
            case "hospital" -> hospitals;
            case "disease" -> diseases;
            case "doctor" -> doctors;
            case "article" -> articles;
            default -> null;
        };
    }

    private void save(UUID id, Progress progress, String status, String message) {
        // Every step of a job's progress is saved through here: the instance's line counters move with it.
        linesRead.add(progress.linesRead - progress.linesCounted);
        linesFailed.add(progress.failed - progress.failedCounted);
        progress.linesCounted = progress.linesRead;
        progress.failedCounted = progress.failed;
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = ImportJob.findById(id);
            job.status = status;
            job.linesRead = progress.linesRead;
            job.created = progress.created;
            job.updated = progress.updated;
            job.unchanged = progress.unchanged;
            job.failed = progress.failed;
            job.errors = new ArrayList<>(progress.errors);
            job.message = message;
            if (!"running".equals(status)) {
                job.finishedAt = Instant.now();
                finished.fire(new ImportFinished(id, status, progress.linesRead, progress.created, progress.updated,
                        progress.unchanged, progress.failed, message));
            }
        });
    }

    private void finish(UUID id, Progress progress, String status, String message) {
        try {
            save(id, progress, status, message);
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the end of import %s: %s", id, e.getMessage());
        }
    }

    /** The first line of the deepest cause, which names the constraint without SQL or stack. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private record Line(long number, String text) {
    }

    /** Counters and changed ids of a batch, or of the whole import. */
    private static final class Progress {
        long linesRead;
        /** What of linesRead and failed the instance's counters hold already. */
        long linesCounted;
        long failedCounted;
        long created;
        long updated;
        long unchanged;
        long failed;
        final List<ImportStatus.LineError> errors = new ArrayList<>();
        final Map<String, Set<Long>> changed = new LinkedHashMap<>();
        /** Of {@link #changed}, the ids the batch created. */
        final Map<String, Set<Long>> fresh = new LinkedHashMap<>();

        void count(String type, Editor.Imported imported) {
            switch (imported.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            if (imported.outcome() != Editor.Outcome.UNCHANGED) {
                changed.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(imported.id());
            }
            if (imported.outcome() == Editor.Outcome.CREATED) {
                fresh.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(imported.id());
            }
        }

        void error(long line, String message) {
            failed++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportStatus.LineError(line, message));
            }
        }

        void add(Progress batch) {
            created += batch.created;
            updated += batch.updated;
            unchanged += batch.unchanged;
            failed += batch.failed;
            batch.errors.stream().limit(Math.max(0, MAX_ERRORS - errors.size())).forEach(errors::add);
        }

        /** Records the articles of the batch as the import's, in its transaction (the status counts them). */
        void record(UUID importId) {
            Set<Long> articles = changed.get("article");
            if (articles != null && !articles.isEmpty()) {
                Panache.getEntityManager().createNativeQuery("INSERT INTO import_article (import_id, article_id) "
                        + "SELECT ?1, unnest(cast(?2 AS bigint[])) ON CONFLICT DO NOTHING")
                        .setParameter(1, importId).setParameter(2, articles.toArray(Long[]::new)).executeUpdate();
            }
        }

        /** Tells search and caches about the batch's changes, after its commit: what it created apart from what it updated. */
        void announce(Event<ContentChanged> changes) {
            changed.forEach((type, ids) -> {
                ContentKind kind = ContentKind.of(type).orElseThrow();
                Set<Long> createdIds = fresh.getOrDefault(type, Set.of());
                List<Long> updatedIds = ids.stream().filter(id -> !createdIds.contains(id)).toList();
                if (!createdIds.isEmpty()) {
                    changes.fire(new ContentChanged(kind, List.copyOf(createdIds), true));
                }
                if (!updatedIds.isEmpty()) {
                    changes.fire(new ContentChanged(kind, updatedIds));
                }
            });
        }
    }
}
