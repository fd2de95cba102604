package com.bohe.content.editing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.bohe.content.api.problem.PreconditionException;

/** A change applies only to the version its client read (optimistic concurrency). */
@ApplicationScoped
public class Preconditions {

    @Inject
    WriteConfig config;

    /**
     * @throws PreconditionException missing when no version is named and one is required; stale when the current
     *         version is not one named
     */
    public void check(ExpectedVersion expected, ContentEntity current) {
        if (!expected.named()) {
            if (config.requireIfMatch()) {
                throw PreconditionException.missing();
            }
            return;
        }
        if (!expected.allows(current.version)) {
            throw PreconditionException.stale(current.version);
        }
    }
}
