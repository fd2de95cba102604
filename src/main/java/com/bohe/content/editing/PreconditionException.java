package com.bohe.content.editing;


/** If-Match named a version that is no longer current (412), or was required and missing (428). */
public class PreconditionException extends RuntimeException {

    private final int status;

    private PreconditionException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static PreconditionException failed(String currentEtag) {
        return new PreconditionException(412, "The resource has changed since you read it; its current ETag is "
                + currentEtag + ". Read it again, re-apply your change, and send If-Match with the new ETag.");
    }

    public static PreconditionException required() {
        return new PreconditionException(428, "This change needs an If-Match header with the ETag of the version you "
                + "read, so that it cannot overwrite someone else's edit.");
    }

    public int status() {
        return status;
    }
}
