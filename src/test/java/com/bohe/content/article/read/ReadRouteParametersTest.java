package com.bohe.content.article.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

/**
 * What the route takes for itself and what it leaves to the resource: anything it is not sure of goes on, so that
 * the resource validates and answers it by the same rule.
 */
class ReadRouteParametersTest {

    private static MultiMap query(String... pairs) {
        MultiMap query = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    @Test
    void shouldTakeOnlyCanonicalIds() {
        assertEquals(1, ReadRoute.canonicalId("1"));
        assertEquals(123456789012345678L, ReadRoute.canonicalId("123456789012345678"));
        for (String other : new String[] { "", "0", "01", "+1", "-1", "1 ", "1;v=2", "１", "1234567890123456789", "1e3" }) {
            assertEquals(-1, ReadRoute.canonicalId(other), other);
        }
    }

    @Test
    void shouldTakeARelatedLimitOf1To50Only() {
        assertEquals(10, ReadRoute.relatedLimit(query()));
        assertEquals(50, ReadRoute.relatedLimit(query("limit", "50")));
        assertEquals(1, ReadRoute.relatedLimit(query("limit", "1")));
        assertEquals(-1, ReadRoute.relatedLimit(query("limit", "51")));
        assertEquals(-1, ReadRoute.relatedLimit(query("limit", "05")));
        assertEquals(-1, ReadRoute.relatedLimit(query("limit", "0")));
        assertEquals(-1, ReadRoute.relatedLimit(query("limit", "5", "limit", "6")));
        assertEquals(-1, ReadRoute.relatedLimit(query("limit", "5", "fields", "id")));
    }

    @Test
    void shouldTakeAPlainCursorPageOnly() {
        assertEquals(20, ReadRoute.cursorLimit(query("cursor", "")));
        assertEquals(100, ReadRoute.cursorLimit(query("cursor", "abc", "limit", "100")));
        assertEquals(-1, ReadRoute.cursorLimit(query("cursor", "abc", "limit", "101")));
        assertEquals(-1, ReadRoute.cursorLimit(query("cursor", "abc", "limit", "010")));
        assertEquals(-1, ReadRoute.cursorLimit(query("cursor", "a".repeat(201))));
        assertEquals(-1, ReadRoute.cursorLimit(query("cursor", "a", "cursor", "b")));
        assertEquals(-1, ReadRoute.cursorLimit(query("cursor", "a", "tag", "x")));
    }

    @Test
    void shouldTakeAPlainFirstPageOrSearchOnly() {
        assertEquals(20, ReadRoute.firstPageSize(query()));
        assertEquals(5, ReadRoute.firstPageSize(query("size", "5", "page", "0", "q", "头痛")));
        assertEquals(100, ReadRoute.firstPageSize(query("size", "100")));
        assertNull(ReadRoute.firstPageSize(query("size", "101")));
        assertNull(ReadRoute.firstPageSize(query("size", "05")));
        assertNull(ReadRoute.firstPageSize(query("page", "1")));
        assertNull(ReadRoute.firstPageSize(query("page", "00")));
        assertNull(ReadRoute.firstPageSize(query("q", " ")));
        assertNull(ReadRoute.firstPageSize(query("q", "头".repeat(201))));
        assertNull(ReadRoute.firstPageSize(query("sort", "id")));
        assertNull(ReadRoute.firstPageSize(query("q", "a", "q", "b")));
    }
}
