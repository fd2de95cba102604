package com.bohe.content.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void shouldTurnMarkdownIntoBlocks() {
        List<Block> blocks = MarkdownBlocks.parse("""
                ## 病因

                面瘫多与*病毒*感染有关,
                与受凉也有关。

                1. 激素
                2. 营养神经

                > 请遵医嘱。

                <script>alert(1)</script>
                """);
        assertEquals(List.of(
                Block.heading(2, "病因"),
                Block.paragraph("面瘫多与病毒感染有关,与受凉也有关。"),
                Block.list(true, List.of("激素", "营养神经")),
                Block.quote("请遵医嘱。")), blocks);
    }

    @Test
    void shouldKeepSpacesBetweenLatinWordsAcrossLines() {
        assertEquals(List.of(Block.paragraph("Bell palsy")), MarkdownBlocks.parse("Bell\npalsy"));
    }
}
