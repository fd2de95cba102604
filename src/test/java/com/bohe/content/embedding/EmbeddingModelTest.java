package com.bohe.content.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model loads from the jar with no network, and gives stable, normalised, meaningful vectors. */
class EmbeddingModelTest {

    static EmbeddingModel model;

    @BeforeAll
    static void load() {
        model = new EmbeddingModel();
    }

    @Test
    void shouldGiveTheSameUnitVectorTwice() {
        float[] first = model.embed("面瘫后眼睛闭不上怎么办");
        float[] second = model.embedAll(List.of("面瘫后眼睛闭不上怎么办")).get(0);
        assertEquals(EmbeddingModel.DIMENSION, first.length);
        assertArrayEquals(first, second, 1e-6f);
        assertEquals(1.0, dot(first, first), 1e-4);
        // The embedder embeds a batch one text at a time (so that it can yield between them): the same vectors.
        List<float[]> batch = model.embedAll(List.of("面瘫后眼睛闭不上怎么办", "高血压患者能吃党参吗"));
        assertArrayEquals(first, batch.get(0), 1e-6f);
        assertArrayEquals(model.embed("高血压患者能吃党参吗"), batch.get(1), 1e-6f);
    }

    @Test
    void shouldPutAParaphraseNearerThanAnotherTopic() {
        float[] question = model.embed("面瘫后眼睛闭不上怎么办");
        double paraphrase = dot(question, model.embed("面瘫患者如何保护眼睛"));
        double other = dot(question, model.embed("高血压患者能吃党参吗"));
        assertTrue(paraphrase > 0.6, "paraphrase " + paraphrase);
        assertTrue(other < paraphrase - 0.2, "other topic " + other + " vs " + paraphrase);
    }

    @Test
    void shouldCutTheEmbeddedTextAfterTitleSummaryAndBodyStart() {
        assertEquals("标题\n摘要\n正文", EmbeddingText.of("标题", "摘要", "正文"));
        assertEquals("标题\n正文", EmbeddingText.of("标题", null, "正文"));
        String long_ = EmbeddingText.of("标题", null, "很".repeat(1000));
        assertEquals(EmbeddingText.MAX_CHARS, long_.length());
        assertTrue(long_.startsWith("标题\n很"));
    }

    static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
