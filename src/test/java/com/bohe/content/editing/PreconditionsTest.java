package com.bohe.content.editing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.bohe.content.api.problem.PreconditionException;

/** A change applies only to a version its client named, and must name one unless configured otherwise. */
class PreconditionsTest {

    private static Preconditions preconditions(boolean required) {
        Preconditions p = new Preconditions();
        p.config = new WriteConfig() {
            @Override
            public boolean requireIfMatch() {
                return required;
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
    void shouldRequireAVersionUnlessConfiguredOtherwise() {
        assertEquals(PreconditionException.Kind.MISSING, assertThrows(PreconditionException.class,
                () -> preconditions(true).check(ExpectedVersion.NONE, version(3))).kind());
        assertDoesNotThrow(() -> preconditions(false).check(ExpectedVersion.NONE, version(3)));
    }

    @Test
    void shouldRefuseAStaleVersionEvenWhenNotRequired() {
        PreconditionException stale = assertThrows(PreconditionException.class,
                () -> preconditions(false).check(ExpectedVersion.oneOf(Set.of(2L)), version(3)));
        assertEquals(PreconditionException.Kind.STALE, stale.kind());
        assertEquals(3, stale.currentVersion());
    }

    @Test
    void shouldApplyToAnyVersionNamedOrToAnyVersionAtAll() {
        assertDoesNotThrow(() -> preconditions(true).check(ExpectedVersion.oneOf(Set.of(3L)), version(3)));
        assertDoesNotThrow(() -> preconditions(true).check(ExpectedVersion.oneOf(Set.of(1L, 3L)), version(3)));
        assertDoesNotThrow(() -> preconditions(true).check(ExpectedVersion.ANY, version(3)));
        assertThrows(PreconditionException.class, () -> preconditions(true).check(ExpectedVersion.oneOf(Set.of()), version(3)));
    }
}
