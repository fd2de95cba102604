package com.bohe.content.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.bohe.content.embedding.EmbeddingModel;

/** The harnesses' vectors of corpus texts, kept in a file under target/ so that a second run embeds nothing. */
final class VectorCache {

    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private EmbeddingModel model;
    long embedded;
    long embedNanos;

    VectorCache(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    String key;
                    try {
                        key = in.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    float[] v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                    vectors.put(key, v);
                }
            }
        }
    }

    EmbeddingModel model() {
        if (model == null) {
            model = new EmbeddingModel();
        }
        return model;
    }

    /** The vectors of the texts, computed in batches of 32 where not cached. */
    List<float[]> vectors(List<String> texts) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String text : texts) {
            if (!vectors.containsKey(key(text)) && !missing.contains(text)) {
                missing.add(text);
            }
        }
        if (!missing.isEmpty()) {
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (int from = 0; from < missing.size(); from += 32) {
                    List<String> batch = missing.subList(from, Math.min(missing.size(), from + 32));
                    long t0 = System.nanoTime();
                    List<float[]> computed = model().embedAll(batch);
                    embedNanos += System.nanoTime() - t0;
                    embedded += batch.size();
                    for (int i = 0; i < batch.size(); i++) {
                        String key = key(batch.get(i));
                        vectors.put(key, computed.get(i));
                        out.writeUTF(key);
                        out.writeInt(computed.get(i).length);
                        for (float x : computed.get(i)) {
                            out.writeFloat(x);
                        }
                    }
                    if (from % 1024 == 0) {
                        System.err.printf("embedded %d of %d%n", from + batch.size(), missing.size());
                    }
                }
            }
        }
        return texts.stream().map(t -> vectors.get(key(t))).toList();
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
