package com.bohe.content.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummariesTest {

    @Test
    void shouldKeepAShortBodyWhole() {
        assertEquals("面瘫是面神经麻痹。请及时就诊。", Summaries.derive("面瘫是面神经麻痹。\n\n请及时就诊。"));
    }

    @Test
    void shouldCutALongBodyAtTheLastSentenceEndWithin100Characters() {
        String first = "甲".repeat(60) + "。";
        String second = "乙".repeat(30) + "！";
        String third = "丙".repeat(50) + "。";
        assertEquals(first + second + "...", Summaries.derive(first + second + third));
    }

    @Test
    void shouldCutAt100CharactersWhenNoSentenceEndsLateEnough() {
        String body = "短句。" + "字".repeat(200);
        String summary = Summaries.derive(body);
        assertEquals(103, summary.length());
        assertTrue(summary.endsWith("字..."));
    }

    @Test
    void shouldSkipHeadingsAndMarkup() {
        assertEquals("正文有重点。", Summaries.derive("# 标题\n\n正文有**重点**。"));
    }
}
