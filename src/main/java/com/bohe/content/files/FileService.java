package com.bohe.content.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trbl.blurhash.BlurHash;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.problem.ConflictException;
import com.bohe.content.api.problem.FieldErrors;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.RefusedBodyException;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.MergePatch;

/**
 * Uploads and the metadata of files. An upload is read whole (it is small: {@code content.files.max-upload-size}),
 * recognised by its bytes, refused before decoding when its header declares too many pixels, decoded small once
 * for its placeholder, stored, and only then recorded: a file's row never exists without its bytes. A file is
 * deleted only while nothing shows it.
 */
@ApplicationScoped
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class);
    static final Map<String, String> SORTS = Map.of("id", "id", "createdAt", "createdAt", "bytes", "bytes");
    /** The placeholder is computed from the picture fitted in this many pixels. */
    private static final int PLACEHOLDER_SIDE = 32;

    @Inject
    FilesConfig config;
    @Inject
    FileStore store;
    @Inject
    Transforms transforms;
    @Inject
    Assets assets;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager entityManager;
    @Inject
    Event<FileWritten> written;
    @Inject
    Event<ContentChanged> changed;

    /**
     * Takes an upload.
     *
     * @param declaredType the Content-Type the client sent (of the body or of the multipart part); the bytes decide
     * @throws RefusedBodyException 415 for a declared type or bytes other than JPEG, PNG, WebP or GIF; 422 for a
     *         decompression bomb or a damaged picture
     */
    public FileSummary upload(byte[] bytes, String declaredType, String filename, String alt, String title, String by) {
        if (declaredType != null && ImageFormat.ofMediaType(declaredType) == null
                && !declaredType.toLowerCase(java.util.Locale.ROOT).startsWith("application/octet-stream")) {
            throw new RefusedBodyException(415, "Upload a JPEG, PNG, WebP or GIF picture (image/jpeg, image/png, "
                    + "image/webp or image/gif), as the body or as the file part of multipart/form-data.");
        }
        if (bytes.length == 0) {
            throw new InvalidRequestException("file", "is empty");
        }
        check(alt, title, filename);
        Images.Header header = Images.header(bytes, config.maxPixels());
        Placeholder placeholder = placeholder(bytes, header);
        String key = UUID.randomUUID().toString();
        try {
            store.put(FileStore.original(key), bytes, header.format().mediaType());
        } catch (IOException e) {
            LOG.warnf("Cannot store an upload: %s", e.getMessage());
            throw new ServiceUnavailableException("The file storage is unavailable; try again shortly.", 5);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                StoredFile f = new StoredFile();
                f.storageKey = key;
                f.type = header.format().mediaType();
                f.width = header.displayWidth();
                f.height = header.displayHeight();
                f.bytes = bytes.length;
                f.sha256 = sha256(bytes);
                f.orientation = header.orientation();
                f.filename = filename;
                f.title = title;
                f.alt = alt;
                f.blurhash = placeholder.blurhash();
                f.dominantColor = placeholder.color();
                f.createdBy = by;
                f.createdAt = Instant.now();
                f.updatedAt = f.createdAt;
                f.persist();
                written.fire(new FileWritten(f.id, "file.created"));
                return FileSummary.from(f);
            });
        } catch (RuntimeException e) {
            // No row: the bytes go too (or, if this fails as well, the sweeper removes them later).
            try {
                store.delete(FileStore.original(key));
            } catch (IOException | RuntimeException gone) {
                LOG.debugf("Left %s to the sweeper: %s", key, gone.getMessage());
            }
            throw e;
        }
    }

    record Placeholder(String blurhash, String color) {
    }

    /** A BlurHash and the mean colour, from the picture decoded small, in a transform slot. */
    private Placeholder placeholder(byte[] bytes, Images.Header header) {
        int side = Math.max(header.displayWidth(), header.displayHeight());
        int w = Math.max(1, (int) Math.round((double) header.displayWidth() * PLACEHOLDER_SIDE / side));
        int h = Math.max(1, (int) Math.round((double) header.displayHeight() * PLACEHOLDER_SIDE / side));
        // A placeholder is a blur: every n-th pixel is plenty.
        int step = Images.subsampling(header, w, h, transforms.maxDecodedPixels(), 2);
        String[] result = new String[2];
        transforms.run(Images.decodedPixels(header, step), () -> {
            BufferedImage small = Images.resize(Images.decode(bytes, header, step), w, h);
            int x = Math.max(1, Math.min(9, Math.round(4f * w / Math.max(w, h) + 0.5f)));
            int y = Math.max(1, Math.min(9, Math.round(4f * h / Math.max(w, h) + 0.5f)));
            result[0] = BlurHash.encode(small, x, y);
            result[1] = Images.meanColor(small);
            return new byte[0];
        });
        return new Placeholder(result[0], result[1]);
    }

    private void check(String alt, String title, String filename) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (alt != null && alt.length() > 500) {
            errors.add(new Problem.FieldError("alt", "size must be between 0 and 500"));
        }
        if (title != null && title.length() > 200) {
            errors.add(new Problem.FieldError("title", "size must be between 0 and 200"));
        }
        if (filename != null && filename.length() > 255) {
            errors.add(new Problem.FieldError("filename", "size must be between 0 and 255"));
        }
        for (String[] field : new String[][] { { "alt", alt }, { "title", title }, { "filename", filename } }) {
            if (field[1] != null && field[1].indexOf('\0') >= 0) {
                errors.add(new Problem.FieldError(field[0], "must not contain NUL"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static String text(JsonNode patch, String field) {
        JsonNode value = patch.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<FileSummary> list(PageParams params) {
        return Pages.of(StoredFile.findAll(Sorting.parse(params.sort, "-id", SORTS)), params, FileSummary::from);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FileSummary get(long id) {
        return FileSummary.from(require(id));
    }

    /** The fields a PATCH may change: the rest of a file never changes. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FilePatch", description = "A JSON Merge Patch "
            + "(RFC 7386) of a file: members present replace, null removes, absent ones stay; none is required.")
    record Editable(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true, maxLength = 500) String alt,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true, maxLength = 200) String title,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true, maxLength = 255) String filename) {
    }

    /** JSON Merge Patch of alt, title and filename; what shows the file shows the new alt at once. */
    @Transactional
    public FileSummary patch(long id, JsonNode patch) {
        // The patch's own values are checked first: a value that is too long is a 400 whether the file exists or not.
        if (patch == null || !patch.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        check(text(patch, "alt"), text(patch, "title"), text(patch, "filename"));
        StoredFile f = require(id);
        Editable merged;
        try {
            merged = json.treeToValue(MergePatch.apply(json.valueToTree(new Editable(f.alt, f.title, f.filename)), patch),
                    Editable.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(FieldErrors.of(e)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("body", "is not an object of this input");
        }
        check(merged.alt(), merged.title(), merged.filename());
        boolean shown = !java.util.Objects.equals(f.alt, merged.alt()) || !java.util.Objects.equals(f.title, merged.title());
        f.alt = merged.alt();
        f.title = merged.title();
        f.filename = merged.filename();
        f.updatedAt = Instant.now();
        entityManager.flush();
        if (shown) {
            // What shows the file shows its alt text: CDNs purge file-{id}, which those answers carry.
            written.fire(new FileWritten(id, "file.updated"));
            // The database logs the change of what shows it (for the other instances); this one drops it now.
            for (Problem.Reference ref : references(id)) {
                changed.fire(new ContentChanged(ContentKind.valueOf(ref.kind().toUpperCase(java.util.Locale.ROOT)), ref.ids()));
            }
        }
        assets.forget(id);
        return FileSummary.from(f);
    }

    /**
     * Deletes a file that nothing shows; its bytes and variants go after the commit.
     *
     * @throws ConflictException 409, naming what shows it (a cover, a photo, an image in an article's body)
     */
    @Transactional
    public void delete(long id) {
        StoredFile f = require(id);
        // Locked, so that no cover is set on it between the check and the delete (the key would refuse it anyway).
        entityManager.createNativeQuery("SELECT id FROM file WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList();
        List<Problem.Reference> references = references(id);
        if (!references.isEmpty()) {
            throw new ConflictException("The file " + id + " is still shown by " + references.stream()
                    .map(r -> r.count() + " " + r.kind() + (r.count() == 1 ? "" : "s")).reduce((a, b) -> a + ", " + b).orElse("")
                    + "; remove it from them first.", references);
        }
        String key = f.storageKey;
        f.delete();
        entityManager.flush();
        written.fire(new FileWritten(id, "file.deleted"));
        assets.forget(id);
        assets.dropBytesAfterCommit(key);
    }

    /** What shows a file: covers, photos and images in article bodies (drafts included). */
    @SuppressWarnings("unchecked")
    List<Problem.Reference> references(long id) {
        List<Problem.Reference> references = new ArrayList<>();
        String[][] queries = {
                { "article", "SELECT id FROM article WHERE cover_id = ?1 OR body ~ ('\\(/assets/' || ?1 || '([?#) ]|$)') ORDER BY id" },
                { "doctor", "SELECT id FROM doctor WHERE photo_id = ?1 ORDER BY id" },
                { "hospital", "SELECT id FROM hospital WHERE photo_id = ?1 ORDER BY id" } };
        for (String[] query : queries) {
            List<Number> ids = entityManager.createNativeQuery(query[1]).setParameter(1, id).getResultList();
            if (!ids.isEmpty()) {
                references.add(new Problem.Reference(query[0], ids.size(),
                        ids.stream().limit(20).map(Number::longValue).toList()));
            }
        }
        return references;
    }

    StoredFile require(long id) {
        StoredFile f = StoredFile.findById(id);
        if (f == null) {
            throw new ResourceNotFoundException("file", id);
        }
        return f;
    }
}
