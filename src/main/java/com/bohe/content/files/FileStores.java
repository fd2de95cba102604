package com.bohe.content.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/** The one {@link FileStore} of this instance, as {@code content.files.storage} says. */
@ApplicationScoped
class FileStores {

    private static final Logger LOG = Logger.getLogger(FileStores.class);

    @Produces
    @Singleton
    FileStore store(FilesConfig config) {
        FileStore store = switch (config.storage()) {
            case "local" -> local(config);
            case "s3" -> new S3FileStore(config.s3());
            default -> throw new IllegalArgumentException("content.files.storage must be local or s3, not " + config.storage());
        };
        LOG.infof("Files are kept in %s", store.describe());
        return store;
    }

    private static FileStore local(FilesConfig config) {
        try {
            return new LocalFileStore(Path.of(config.directory()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the files directory " + config.directory(), e);
        }
    }

    void close(@Disposes FileStore store) {
        if (store instanceof S3FileStore s3) {
            s3.close();
        }
    }
}
