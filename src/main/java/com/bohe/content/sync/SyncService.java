package com.bohe.content.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.jpa.HibernateHints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.problem.GoneException;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.article.read.ArticleDetails;
import com.bohe.content.department.Department;
import com.bohe.content.department.DepartmentDetail;
import com.bohe.content.disease.Disease;
import com.bohe.content.disease.DiseaseDetail;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.doctor.DoctorDetail;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.hospital.Hospital;
import com.bohe.content.hospital.HospitalDetail;

/**
 * Pages of a sync. A sync reads the changes between two horizons (the oldest transaction running when each sync
 * began, and the database's time then): for each kind, the public entries whose documents changed (keyset by
 * sync_xid and id, from the index), then the articles that came due with no write, then what left public view
 * (tombstones). Every transaction below a horizon has ended, so a change committed while an app pages is read
 * by this sync or the next: never lost, and at most once per sync (an entry changed again moves past the
 * horizon). An initial sync is the same scan from nothing, without deletions. Documents are the ones GET
 * answers: articles from the read cache or their kept renders, the rest as their resources build them.
 */
@ApplicationScoped
public class SyncService {

    /** Kinds in the order a sync sends them: what documents show of others before what shows them. */
    static final List<ContentKind> ORDER = List.of(ContentKind.DEPARTMENT, ContentKind.DISEASE, ContentKind.HOSPITAL,
            ContentKind.DOCTOR, ContentKind.ARTICLE);

    enum Part {
        CHANGED, DUE, DELETED
    }

    record Phase(ContentKind kind, Part part) {
    }

    @Inject
    SyncConfig config;
    @Inject
    SyncKey key;
    @Inject
    ArticleDetails articles;
    @Inject
    ObjectMapper json;

    /** A sync token as sent, checked. @throws InvalidRequestException for one this API did not sign */
    SyncToken token(String token) {
        try {
            return SyncToken.decode(token, key.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("token", "is not a sync token of this API; start with GET /sync");
        }
    }

    /** The next page of a sync: of a new one (initial, or from a sync token), or of one under way. */
    SyncPage page(SyncToken token, int limit) {
        SyncToken at = token;
        long nowMicros = micros(Instant.now());
        if (!token.isInitial() && token.fromAt() < nowMicros - config.retention().toNanos() / 1000) {
            throw new GoneException(Problem.SYNC_EXPIRED, "The sync token is older than the " + config.retention().toDays()
                    + " days of deletions kept; start again with an initial sync (GET /sync without a token).");
        }
        if (at.isStart()) {
            Object[] horizon = (Object[]) QuarkusTransaction.requiringNew().call(() -> em().createNativeQuery(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                            + "(extract(epoch FROM now()) * 1000000)::bigint").getSingleResult());
            at = at.begun(((Number) horizon[0]).longValue(), ((Number) horizon[1]).longValue());
        }
        List<Phase> phases = phases(at);
        if (at.phase() > phases.size()) {
            throw new InvalidRequestException("token", "is not a sync token of this API; start with GET /sync");
        }
        List<Key> keys = new ArrayList<>();
        List<SyncPage.Deletion> deleted = new ArrayList<>();
        int phase = at.phase();
        long lastA = at.lastA();
        long lastB = at.lastB();
        boolean more = false;
        while (phase < phases.size()) {
            int wanted = limit - keys.size() - deleted.size();
            if (wanted == 0) {
                more = true;
                break;
            }
            Phase p = phases.get(phase);
            List<Object[]> rows = rows(at, p, lastA, lastB, wanted + 1);
            for (Object[] row : rows.subList(0, Math.min(wanted, rows.size()))) {
                long id = ((Number) row[0]).longValue();
                if (p.part() == Part.DELETED) {
                    deleted.add(new SyncPage.Deletion(p.kind().key(), id));
                } else {
                    keys.add(new Key(p.kind(), id));
                }
                lastA = keyA(row[1]);
                lastB = id;
            }
            if (rows.size() > wanted) {
                more = true;
                break;
            }
            phase++;
            lastA = Long.MIN_VALUE;
            lastB = Long.MIN_VALUE;
        }
        List<SyncPage.Entry> entries = documents(keys, Instant.EPOCH.plus(at.toAt(), ChronoUnit.MICROS));
        byte[] secret = key.get();
        return more ? new SyncPage(entries, deleted, at.at(phase, lastA, lastB).encode(secret), null)
                : new SyncPage(entries, deleted, null, at.next().encode(secret));
    }

    /** The phases of a sync, in order. */
    static List<Phase> phases(SyncToken token) {
        Set<ContentKind> kinds = token.kindSet();
        List<Phase> phases = new ArrayList<>();
        for (ContentKind kind : ORDER) {
            if (kinds.contains(kind)) {
                phases.add(new Phase(kind, Part.CHANGED));
                if (kind == ContentKind.ARTICLE && !token.isInitial()) {
                    phases.add(new Phase(kind, Part.DUE));
                }
            }
        }
        if (!token.isInitial()) {
            for (ContentKind kind : ORDER) {
                if (kinds.contains(kind)) {
                    phases.add(new Phase(kind, Part.DELETED));
                }
            }
        }
        return phases;
    }

    private record Key(ContentKind kind, long id) {
    }

    /** An article public at the sync's time, of the table under this alias (with its dot, or none). */
    private static String publicAt(String alias) {
        return alias + "status = 'published' AND " + alias + "published_at <= :at";
    }

    /** Up to n rows (id, then the keyset's other column) of a phase after a key. */
    @SuppressWarnings("unchecked")
    private List<Object[]> rows(SyncToken at, Phase phase, long lastA, long lastB, int n) {
        String table = phase.kind().key();
        boolean article = phase.kind() == ContentKind.ARTICLE;
        String sql = switch (phase.part()) {
            case CHANGED -> "SELECT id, sync_xid FROM " + table + " WHERE sync_xid >= :from AND sync_xid < :to "
                    + "AND (sync_xid, id) > (:a, :b)" + (article ? " AND " + publicAt("") : "") + " ORDER BY sync_xid, id LIMIT :n";
            case DUE -> "SELECT id, published_at FROM article WHERE " + publicAt("") + " AND published_at > :fromAt "
                    + "AND sync_xid < :from AND (published_at, id) > (:aAt, :b) ORDER BY published_at, id LIMIT :n";
            case DELETED -> "SELECT t.entity_id, t.sync_xid FROM sync_tombstone t WHERE t.entity = :kind "
                    + "AND t.sync_xid >= :from AND t.sync_xid < :to AND (t.sync_xid, t.entity_id) > (:a, :b) "
                    + "AND NOT EXISTS (SELECT 1 FROM " + table + " x WHERE x.id = t.entity_id"
                    + (article ? " AND " + publicAt("x.") : "") + ") "
                    + "ORDER BY t.sync_xid, t.entity_id LIMIT :n";
        };
        return QuarkusTransaction.requiringNew().call(() -> {
            Query query = em().createNativeQuery(sql).setParameter("from", at.fromXid()).setParameter("b", lastB)
                    .setParameter("n", n);
            if (article) {
                query.setParameter("at", time(at.toAt()));
            }
            switch (phase.part()) {
                case CHANGED -> query.setParameter("to", at.toXid()).setParameter("a", lastA);
                case DUE -> query.setParameter("fromAt", time(at.fromAt()))
                        .setParameter("aAt", time(lastA == Long.MIN_VALUE ? at.fromAt() : lastA));
                case DELETED -> query.setParameter("to", at.toXid()).setParameter("a", lastA).setParameter("kind", table);
            }
            return (List<Object[]>) query.getResultList();
        });
    }

    private static long keyA(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        Instant instant = value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
        return micros(instant);
    }

    /** The documents of these entries, in their order; one that left public view since is left out. */
    private List<SyncPage.Entry> documents(List<Key> keys, Instant at) {
        Map<ContentKind, List<Long>> ids = new HashMap<>();
        for (Key k : keys) {
            ids.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.id());
        }
        Map<Key, byte[]> documents = new HashMap<>();
        List<Long> articleIds = ids.remove(ContentKind.ARTICLE);
        if (articleIds != null) {
            articles.documents(articleIds, at).forEach((id, bytes) -> documents.put(new Key(ContentKind.ARTICLE, id), bytes));
        }
        if (!ids.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> ids.forEach((kind, list) -> documents(kind, list).forEach((id, doc) ->
                    documents.put(new Key(kind, id), doc))));
        }
        List<SyncPage.Entry> entries = new ArrayList<>(keys.size());
        for (Key k : keys) {
            byte[] document = documents.get(k);
            if (document != null) {
                entries.add(new SyncPage.Entry(k.kind().key(), k.id(), document));
            }
        }
        return entries;
    }

    private Map<Long, byte[]> documents(ContentKind kind, Collection<Long> ids) {
        return switch (kind) {
            case DISEASE -> write(Disease.<Disease>find("id in ?1", ids), d -> d.id, DiseaseDetail::from);
            case DOCTOR -> write(Doctor.<Doctor>find("id in ?1", ids), d -> d.id, DoctorDetail::from);
            case HOSPITAL -> write(Hospital.<Hospital>find("id in ?1", ids), h -> h.id, HospitalDetail::from);
            case DEPARTMENT -> write(Department.<Department>find("id in ?1", ids), d -> d.id, DepartmentDetail::from);
            case ARTICLE -> throw new IllegalArgumentException("articles come from their read cache");
        };
    }

    private <E> Map<Long, byte[]> write(io.quarkus.hibernate.orm.panache.PanacheQuery<E> query, Function<E, Long> id,
            Function<E, Object> detail) {
        Map<Long, byte[]> written = new HashMap<>();
        for (E entity : query.withHint(HibernateHints.HINT_READ_ONLY, true).list()) {
            try {
                written.put(id.apply(entity), json.writeValueAsBytes(detail.apply(entity)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return written;
    }

    private static EntityManager em() {
        return Panache.getEntityManager(Department.class);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static OffsetDateTime time(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
