package com.bohe.content.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;


class SlugsTest {

    @Test
    void shouldSpellChineseInPinyin() {
        assertEquals("mian-tan-yu-mian-ji-jing-luan-de-qu-bie", Slugs.of("面瘫与面肌痉挛的区别"));
    }

    @Test
    void shouldKeepLatinWordsAndDigitsTogether() {
        assertEquals("ramsay-hunt-zong-he-zheng-2", Slugs.of("Ramsay Hunt综合征 2"));
    }

    @Test
    void shouldFallBackWhenNothingIsUsable() {
        assertEquals("item", Slugs.of("？！"));
    }

    @Test
    void shouldCutLongSlugsAtAHyphen() {
        String slug = Slugs.of("面".repeat(40));
        assertEquals(79, slug.length());
    }
}
