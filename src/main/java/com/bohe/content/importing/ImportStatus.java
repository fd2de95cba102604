package com.bohe.content.importing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import's progress: the counters grow while it runs. */
@Schema(name = "ImportStatus")
public record ImportStatus(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = { "running", "done", "failed" }) String status,
        @Schema(required = true, description = "Lines read so far, blank ones included", examples = "1200") long linesRead,
        @Schema(required = true, examples = "1150") long created,
        @Schema(required = true, examples = "20") long updated,
        @Schema(required = true, description = "Lines that matched what is stored", examples = "28") long unchanged,
        @Schema(required = true, description = "Lines that could not be loaded", examples = "2") long failed,
        @Schema(required = true, description = "Articles this import created or changed", examples = "1450") long articles,
        @Schema(required = true, description = "Of those articles, how many have their embedding (semantic search and "
                + "related lists) stored and current; it catches up in the background after the import, and search finds "
                + "the others by their text meanwhile", examples = "1210") long embedded,
        @Schema(required = true, description = "The first errors (at most 100), by line number") List<LineError> errors,
        @Schema(nullable = true, description = "Why the import as a whole failed") String message,
        @Schema(nullable = true, description = "Name of the token that started it") String startedBy,
        @Schema(required = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt) {

    /** One line that could not be loaded; the others went ahead. */
    @Schema(name = "ImportLineError")
    public record LineError(
            @Schema(examples = "17") long line,
            @Schema(examples = "diseases[0]: no disease has the slug mian-tann") String message) {
    }

    static ImportStatus from(ImportJob job, long articles, long embedded) {
        return new ImportStatus(job.id, job.status, job.linesRead, job.created, job.updated, job.unchanged, job.failed,
                articles, embedded, List.copyOf(job.errors), job.message, job.startedBy, job.startedAt, job.finishedAt);
    }
}
