package com.bohe.content.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.database.PlainReads;
import com.bohe.content.ratelimit.RateLimiter;

/**
 * Variants of files, as {@code GET /assets/{id}} serves them: each made once, on its first request, stored beside
 * the original, and kept in memory while it is asked for. Its ETag is known before its bytes (the file's hash and
 * the variant's name), so a revalidation costs no storage read.
 */
@ApplicationScoped
public class Assets {

    private static final Logger LOG = Logger.getLogger(Assets.class);
    /** Bump when the same request would give other bytes (another resampler or encoder): every ETag changes. */
    private static final String RENDITION = "r1";

    @Inject
    FilesConfig config;
    @Inject
    FileStore store;
    @Inject
    Transforms transforms;
    @Inject
    PlainReads plain;
    @Inject
    RateLimiter limits;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /** What serving needs of a file; kept briefly, so a file deleted on another instance is gone within that time. */
    record Meta(long id, String storageKey, ImageFormat format, int width, int height, int orientation, String sha256) {

        Images.Header header() {
            boolean turned = orientation >= 5;
            return new Images.Header(format, turned ? height : width, turned ? width : height, orientation);
        }
    }

    /** An answer known before its bytes. */
    public record Head(long fileId, String etag, ImageFormat format, boolean varyAccept, String storedName, Meta meta,
            Variant variant, Variant.Plan plan) {

        public String mediaType() {
            return format.mediaType();
        }
    }

    private Cache<Long, Meta> metas;
    private Cache<String, byte[]> bytes;
    private Cache<String, Kept> answers;

    /** A public answer as {@link AssetRoute} gives it again: kept no longer than the metadata it was made from. */
    record Kept(long fileId, String etag, String mediaType, boolean varyAccept, byte[] bytes) {
    }

    @PostConstruct
    void init() {
        if (config.signingKey().filter(key -> key.length() < 32).isPresent()) {
            throw new IllegalStateException("content.files.signing-key must be at least 32 characters");
        }
        metas = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.metadataTtl()).build();
        bytes = Caffeine.newBuilder().maximumWeight(config.memoryCacheBytes())
                .weigher((String key, byte[] value) -> value.length + key.length() + 64)
                .expireAfterAccess(Duration.ofMinutes(30)).build();
        // The same arrays as above: the weight counts them again, so memory stays within twice the setting.
        answers = Caffeine.newBuilder().maximumWeight(config.memoryCacheBytes())
                .weigher((String key, Kept value) -> value.bytes().length + key.length() + 96)
                .expireAfterWrite(config.metadataTtl()).build();
    }

    /** The key of a request's answer: the id and query as sent, and whether the client takes WebP. */
    static String answerKey(String id, String rawQuery, String accept) {
        return id + "?" + (rawQuery == null ? "" : rawQuery) + (Variant.acceptsWebp(accept) ? "|webp" : "|");
    }

    Kept kept(String key) {
        return answers.getIfPresent(key);
    }

    /** Keeps a public 200 for the route. */
    void keep(String key, Head head, byte[] body) {
        answers.put(key, new Kept(head.fileId(), head.etag(), head.mediaType(), head.varyAccept(), body));
    }

    /**
     * Reads a request: the file, the variant and its ETag.
     *
     * @throws ResourceNotFoundException 404 for no such file
     * @throws com.bohe.content.api.problem.InvalidRequestException 400 for a parameter off the allow-list
     */
    public Head head(long id, Map<String, List<String>> query, String accept) {
        Variant variant = Variant.parse(query, config, signed(id, query));
        Meta meta = meta(id);
        if (meta == null) {
            throw new ResourceNotFoundException("file", id);
        }
        Variant.Plan plan = variant.plan(meta.width(), meta.height(), largest());
        ImageFormat output = variant.output(meta.format(), accept);
        String name = variant.name(output);
        String etag = "\"" + HttpCaching.hash((meta.sha256() + "\n" + name + "\n" + RENDITION).getBytes(StandardCharsets.UTF_8)) + "\"";
        return new Head(id, etag, output, variant.auto(), name, meta, variant, plan);
    }

    /**
     * Whether the request is signed: false without a signature.
     *
     * @throws InvalidRequestException 400 for a signature when this instance has no signing key
     * @throws jakarta.ws.rs.ForbiddenException 403 for a signature that is not the key's
     */
    private boolean signed(long id, Map<String, List<String>> query) {
        List<String> signatures = query.get(AssetSignatures.PARAMETER);
        if (signatures == null || signatures.isEmpty()) {
            return false;
        }
        if (config.signingKey().isEmpty()) {
            throw new com.bohe.content.api.problem.InvalidRequestException(AssetSignatures.PARAMETER,
                    "signed URLs are not enabled on this API; use the allowed sizes and qualities");
        }
        if (signatures.size() != 1 || !AssetSignatures.valid(config.signingKey().get(), id, query, signatures.get(0))) {
            throw new jakarta.ws.rs.ForbiddenException("The signature does not match this request.");
        }
        return true;
    }

    private int largest() {
        return config.sizes().stream().mapToInt(Integer::intValue).max().orElse(3840);
    }

    /**
     * The variant's bytes: from memory, from storage, or made now (in a transform slot, shared with concurrent
     * requests for it, and counted against the client's limit of first variants).
     *
     * @param client the client's address, for the limit of first variants
     */
    public byte[] bytes(Head head, io.vertx.core.net.SocketAddress client) {
        String key = FileStore.variants(head.meta().storageKey()) + head.storedName();
        byte[] cached = bytes.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        byte[] stored = read(key);
        if (stored == null) {
            limits.firstVariant(client);
            stored = transforms.shared(key, decodedPixels(head), () -> make(head, key));
        }
        bytes.put(key, stored);
        return stored;
    }

    private long decodedPixels(Head head) {
        return Images.decodedPixels(head.meta().header(), step(head));
    }

    /**
     * The decoder's step: 1 (every pixel) unless the picture is larger than the decode budget, or subsampled
     * decoding is chosen ({@code content.files.subsampled-decode}).
     */
    private int step(Head head) {
        Images.Header header = head.meta().header();
        return config.subsampledDecode()
                ? Images.subsampling(header, head.plan().scaledWidth(), head.plan().scaledHeight(), transforms.maxDecodedPixels(), 3)
                : Images.withinBudget(header, transforms.maxDecodedPixels());
    }

    /** Decodes the original (subsampled), resizes, crops or pads, writes, and stores the result. */
    private byte[] make(Head head, String key) {
        byte[] again = read(key); // made by another instance, or by a request that just finished here
        if (again != null) {
            return again;
        }
        byte[] original = read(FileStore.original(head.meta().storageKey()));
        if (original == null) {
            LOG.warnf("The original of file %d (%s) is missing from storage", head.fileId(), head.meta().storageKey());
            throw new ResourceNotFoundException("file", head.fileId());
        }
        Images.Header header = head.meta().header();
        Variant.Plan plan = head.plan();
        BufferedImage decoded = Images.decode(original, header, step(head));
        // Averaged down by a whole factor first (cheap, and it antialiases), then resampled to the exact size.
        decoded = Images.reduce(decoded, Images.reduction(decoded, plan.scaledWidth(), plan.scaledHeight()));
        BufferedImage image = Images.resize(decoded, plan.scaledWidth(), plan.scaledHeight());
        if (plan.pad()) {
            image = Images.pad(image, plan.outWidth(), plan.outHeight(), head.format() != ImageFormat.JPEG);
        } else if (plan.outWidth() != plan.scaledWidth() || plan.outHeight() != plan.scaledHeight()) {
            image = Images.crop(image, (plan.scaledWidth() - plan.outWidth()) / 2, (plan.scaledHeight() - plan.outHeight()) / 2,
                    plan.outWidth(), plan.outHeight());
        }
        byte[] encoded = Images.encode(image, head.format(), head.variant().quality());
        try {
            store.put(key, encoded, head.format().mediaType());
        } catch (IOException e) {
            // Served anyway; made again next time.
            LOG.warnf("Cannot store the variant %s: %s", key, e.getMessage());
        }
        return encoded;
    }

    private byte[] read(String key) {
        try {
            return store.get(key);
        } catch (IOException e) {
            LOG.warnf("Cannot read %s from the file storage: %s", key, e.getMessage());
            throw new ServiceUnavailableException("The file storage is unavailable; try again shortly.", 5);
        }
    }

    private Meta meta(long id) {
        Meta known = metas.getIfPresent(id);
        if (known != null) {
            return known;
        }
        Meta found = plain.list("SELECT storage_key, type, width, height, orientation, sha256 FROM file WHERE id = ?",
                statement -> statement.setLong(1, id),
                row -> new Meta(id, row.getString(1), ImageFormat.ofMediaType(row.getString(2)), row.getInt(3), row.getInt(4),
                        row.getInt(5), row.getString(6)))
                .stream().findFirst().orElse(null);
        if (found != null) {
            metas.put(id, found);
        }
        return found;
    }

    /** A file changed or went on this instance: its metadata is read again. */
    void forget(long id) {
        metas.invalidate(id);
        String prefix = id + "?";
        answers.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** A deleted file's bytes and variants go once its delete has committed (the sweeper takes what this misses). */
    void dropBytesAfterCommit(String storageKey) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                bytes.asMap().keySet().removeIf(k -> k.startsWith(FileStore.variants(storageKey)));
                try {
                    store.deleteAll(FileStore.variants(storageKey));
                    store.delete(FileStore.original(storageKey));
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Left the bytes of a deleted file to the sweeper: %s", e.getMessage());
                }
            }
        });
    }
}
