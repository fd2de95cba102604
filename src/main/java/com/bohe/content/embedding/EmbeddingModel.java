package com.bohe.content.embedding;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * bge-small-zh-v1.5, quantized, in-process: the ONNX model and its tokenizer load from the jar, with no network.
 * Vectors have {@link #DIMENSION} floats of unit length, so that cosine similarity is a dot product. Only the
 * embedding model of langchain4j is used. Loading takes about a second and a half; callers load it off the
 * request path.
 */
public final class EmbeddingModel {

    /** Stored with every vector: a different model makes stored vectors stale. */
    public static final String NAME = "bge-small-zh-v1.5-q";
    public static final int DIMENSION = 512;

    private final BgeSmallZhV15QuantizedEmbeddingModel model;

    public EmbeddingModel() {
        // The caller's thread does the work: the embedder decides how much CPU embedding may take.
        model = new BgeSmallZhV15QuantizedEmbeddingModel(Runnable::run);
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    public List<float[]> embedAll(List<String> texts) {
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return embeddings.stream().map(EmbeddingModel::unit).toList();
    }

    private static float[] unit(Embedding embedding) {
        float[] v = embedding.vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0 && Math.abs(norm - 1) > 1e-4) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }
}
