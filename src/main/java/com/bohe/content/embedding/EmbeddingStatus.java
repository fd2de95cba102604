package com.bohe.content.embedding;

/**
 * What this instance's embedder is doing: whether the model is loaded, how many articles wait to be embedded,
 * how many it embedded since start and how many batches failed.
 */
public record EmbeddingStatus(String model, boolean enabled, boolean loaded, int backlog, long embedded, long reused,
        long failedBatches, String lastError) {
}
