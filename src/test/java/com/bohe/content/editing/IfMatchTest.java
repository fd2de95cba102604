package com.bohe.content.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.bohe.content.editing.ExpectedVersion;
import com.bohe.content.editing.IfMatch;

/** If-Match as the versions it names: strong tags only, any of a list, or the wildcard. */
class IfMatchTest {

    @Test
    void shouldNameNoVersionWhenAbsentOrBlank() {
        assertEquals(ExpectedVersion.NONE, IfMatch.parse(null));
        assertEquals(ExpectedVersion.NONE, IfMatch.parse(" "));
    }

    @Test
    void shouldNameTheVersionsOfStrongTagsWithOrWithoutTheirHash() {
        assertEquals(ExpectedVersion.oneOf(Set.of(3L)), IfMatch.parse("\"3\""));
        assertEquals(ExpectedVersion.oneOf(Set.of(1L, 3L)), IfMatch.parse("\"1\", \"3\""));
        assertEquals(ExpectedVersion.oneOf(Set.of(3L)), IfMatch.parse("\"3-5f2a\""));
    }

    @Test
    void shouldTakeTheWildcardForAnyVersion() {
        assertEquals(ExpectedVersion.ANY, IfMatch.parse("*"));
        assertEquals(ExpectedVersion.ANY, IfMatch.parse("\"1\", *"));
    }

    @Test
    void shouldNameNothingCurrentForWeakUnquotedOrForeignTags() {
        ExpectedVersion weak = IfMatch.parse("W/\"3\"");
        assertTrue(weak.named());
        assertFalse(weak.allows(3));
        assertFalse(IfMatch.parse("3").allows(3));
        assertFalse(IfMatch.parse("\"abc\"").allows(3));
    }
}
