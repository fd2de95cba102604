package com.bohe.content.editing;

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

    private PreconditionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static PreconditionException failed(String currentEtag) {
        return new PreconditionException(Kind.STALE, "The resource has changed since you read it; its current ETag is "
                + currentEtag + ". Read it again, re-apply your change, and send If-Match with the new ETag.");
    }

    public static PreconditionException required() {
        return new PreconditionException(Kind.MISSING, "This change needs an If-Match header with the ETag of the version you "
                + "read, so that it cannot overwrite someone else's edit.");
    }

    public Kind kind() {
        return kind;
    }
}
