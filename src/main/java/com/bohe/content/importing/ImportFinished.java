package com.bohe.content.importing;

import java.util.UUID;

/**
 * Fired inside the transaction that records the end of an import (done or failed): observers that write in it (the
 * webhook outbox) commit with the job's final status.
 */
public record ImportFinished(UUID id, String status, long linesRead, long created, long updated, long unchanged,
        long failed, String message) {
}
