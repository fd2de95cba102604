package com.bohe.content.files;

/**
 * Fired inside the transaction that creates or deletes a file: the webhook outbox writes its event in the same
 * transaction, so no committed upload or delete is without its event.
 *
 * @param type file.created, file.updated (its alt text or title, which what shows it shows) or file.deleted
 */
public record FileWritten(long id, String type) {

    public String path() {
        return FileRef.url(id);
    }
}
