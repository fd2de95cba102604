package com.bohe.content.api.problem;

/**
 * A change whose precondition does not hold: the version the client read is no longer current, or the client did
 * not say which version it read. It knows no HTTP: the problem mapper answers 412 or 428.
 */
public class PreconditionException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The version named is not the current one. */
        STALE,
        /** No version was named where one is required. */
        MISSING
    }

    private final Kind kind;
    private final long currentVersion;

    private PreconditionException(Kind kind, long currentVersion) {
        super(kind == Kind.STALE ? "stale version; current " + currentVersion : "no version named");
        this.kind = kind;
        this.currentVersion = currentVersion;
    }

    public static PreconditionException stale(long currentVersion) {
        return new PreconditionException(Kind.STALE, currentVersion);
    }

    public static PreconditionException missing() {
        return new PreconditionException(Kind.MISSING, -1);
    }

    public Kind kind() {
        return kind;
    }

    /** The version that is current, when stale. */
    public long currentVersion() {
        return currentVersion;
    }
}
