package com.bohe.content.search;

/** Every search slot stayed taken for the whole queue timeout; the caller decides what the reader is told. */
public class SearchesBusyException extends RuntimeException {

    public SearchesBusyException() {
        super("Too many searches at once; try again shortly.");
    }
}
