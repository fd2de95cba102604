package com.bohe.content.editing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;


class PreconditionsTest {

    private static Preconditions preconditions(boolean required) {
        Preconditions p = new Preconditions();
        p.config = new WriteConfig() {
            @Override
            public boolean requireIfMatch() {
                return required;
            }

            @Override
            public long maxBodySize() {
                return 1;
            }

            @Override
            public long maxImportSize() {
                return 1;
            }
        };
        return p;
    }

    private static ContentEntity version(long version) {
        ContentEntity entity = new ContentEntity() {
        };
        entity.version = version;
        return entity;
    }

    @Test
    void shouldRequireIfMatchUnlessConfiguredOtherwise() {
        assertEquals(PreconditionException.Kind.MISSING, assertThrows(PreconditionException.class, () -> preconditions(true).check(null, version(3))).kind());
        assertEquals(PreconditionException.Kind.MISSING, assertThrows(PreconditionException.class, () -> preconditions(true).check(" ", version(3))).kind());
        assertDoesNotThrow(() -> preconditions(false).check(null, version(3)));
    }

    @Test
    void shouldRefuseAStaleTagEvenWhenNotRequired() {
        assertEquals(PreconditionException.Kind.STALE, assertThrows(PreconditionException.class, () -> preconditions(false).check("\"2\"", version(3))).kind());
    }

    @Test
    void shouldMatchStronglyAnyTagOfTheListOrTheWildcard() {
        assertDoesNotThrow(() -> preconditions(true).check("\"3\"", version(3)));
        assertDoesNotThrow(() -> preconditions(true).check("\"1\", \"3\"", version(3)));
        assertDoesNotThrow(() -> preconditions(true).check("*", version(3)));
        assertThrows(PreconditionException.class, () -> preconditions(true).check("W/\"3\"", version(3)));
        assertThrows(PreconditionException.class, () -> preconditions(true).check("3", version(3)));
    }
}
