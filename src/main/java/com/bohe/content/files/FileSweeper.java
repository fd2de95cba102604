package com.bohe.content.files;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.database.PlainReads;

/**
 * Removes bytes that no row names, once they are older than {@code content.files.orphan-age}: an upload whose
 * row was never written (the database failed after the bytes were stored), or a deleted file whose bytes could not
 * be removed at once. Any instance may run it; it removes only what no row names.
 */
@ApplicationScoped
class FileSweeper {

    @Inject
    FileStore store;
    @Inject
    FilesConfig config;
    @Inject
    PlainReads plain;
    @Inject
    Background background;

    void start(@Observes StartupEvent event) {
        background.startShared("file-sweeper", Pace.every(Duration.ofHours(1)), this::sweep, null);
    }

    /** One round: returns how many objects it removed. */
    int sweep() throws IOException {
        Instant before = Instant.now().minus(config.orphanAge());
        Set<String> candidates = new HashSet<>();
        for (String prefix : FileStore.prefixes()) {
            store.list(prefix, stored -> {
                if (stored.writtenAt().isBefore(before)) {
                    String rest = stored.key().substring(prefix.length());
                    int slash = rest.indexOf('/');
                    candidates.add(slash < 0 ? rest : rest.substring(0, slash));
                }
            });
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        Set<String> known = new HashSet<>(plain.list("SELECT storage_key FROM file WHERE storage_key = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("varchar", candidates.toArray())),
                row -> row.getString(1)));
        int removed = 0;
        for (String key : candidates) {
            if (!known.contains(key)) {
                store.delete(FileStore.original(key));
                store.deleteAll(FileStore.variants(key));
                removed++;
            }
        }
        return removed;
    }

}
