package com.bohe.content.article.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The byte splicing of ready JSON: live view counts go exactly where the marks were, packed or not. */
class ReadyJsonTest {

    record Item(long id, String title, long viewCount) {
    }

    record Items(List<Item> items, long viewCount) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Items marked() {
        // Titles that hold what a careless splice could match: digits, "viewCount" as text, multi-byte characters.
        return new Items(List.of(new Item(1, "viewCount 头痛 1234", ReadyJson.mark(0)),
                new Item(22, "\"viewCount\":9 偏头痛", ReadyJson.mark(1))), ReadyJson.mark(2));
    }

    @Test
    void shouldSpliceEachCountWhereItsMarkWasPackedOrNot() throws Exception {
        for (boolean packed : List.of(false, true)) {
            ReadyJson ready = ReadyJson.write(JSON, marked(), 3, packed);
            byte[] body = ready.with(7, 0, 9_000_000_000L);
            Items expected = new Items(List.of(new Item(1, "viewCount 头痛 1234", 7), new Item(22, "\"viewCount\":9 偏头痛", 0)),
                    9_000_000_000L);
            assertEquals(JSON.writeValueAsString(expected), new String(body, StandardCharsets.UTF_8), "packed " + packed);
            assertEquals(3, ready.counts());
        }
    }

    @Test
    void shouldHashTheBodyWithoutItsCounts() {
        ReadyJson one = ReadyJson.write(JSON, marked(), 3, false);
        ReadyJson same = ReadyJson.write(JSON, marked(), 3, true);
        assertEquals(one.hash(), same.hash(), "packing does not change the tag");
        Items retitled = new Items(List.of(new Item(1, "viewCount 头痛 1235", ReadyJson.mark(0)),
                new Item(22, "\"viewCount\":9 偏头痛", ReadyJson.mark(1))), ReadyJson.mark(2));
        assertNotEquals(one.hash(), ReadyJson.write(JSON, retitled, 3, false).hash(), "the content does");
        // The plain length is the body less the counts: the same whatever counts are spliced in later.
        assertEquals(one.with(0, 0, 0).length - 3, one.plainLength());
    }

    @Test
    void shouldWriteABodyWithoutCountsAsItIs() throws Exception {
        record Plain(String title) {
        }
        ReadyJson ready = ReadyJson.write(JSON, new Plain("无计数"), 0, true);
        assertEquals(JSON.writeValueAsString(new Plain("无计数")), new String(ready.with(), StandardCharsets.UTF_8));
    }
}
