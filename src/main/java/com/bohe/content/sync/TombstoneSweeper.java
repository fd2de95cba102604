package com.bohe.content.sync;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.department.Department;

/**
 * Forgets what left public view longer ago than {@code content.sync.retention} and a day: tokens older than the
 * retention are refused before they could miss a deletion forgotten here (the day covers clocks that differ).
 * Any instance may run it.
 */
@ApplicationScoped
class TombstoneSweeper {

    @Inject
    SyncConfig config;
    @Inject
    Background background;

    void start(@Observes SchemaReady event) {
        background.startShared("sync-tombstones", Pace.every(Duration.ofHours(1)), this::sweep, null);
    }

    int sweep() {
        long seconds = config.retention().plusDays(1).toSeconds();
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Department.class)
                .createNativeQuery("DELETE FROM sync_tombstone WHERE deleted_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) seconds).executeUpdate());
    }
}
