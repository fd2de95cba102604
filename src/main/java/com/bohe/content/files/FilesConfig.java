package com.bohe.content.files;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Uploaded pictures: where their bytes go, what an upload may be, and which variants clients may ask for. */
@ConfigMapping(prefix = "content.files")
public interface FilesConfig {

    /** Where bytes are kept: {@code local} (a directory) or {@code s3} (any S3-compatible object store). */
    @WithDefault("local")
    String storage();

    /** The directory of the local storage. */
    @WithDefault("files")
    String directory();

    S3 s3();

    /** The largest upload, in bytes: one byte more is a 413 problem, whatever the framing. */
    @WithDefault("20971520")
    long maxUploadSize();

    /**
     * The most pixels (width × height) an image may declare in its header; more is refused before any decoding
     * (a decompression bomb).
     */
    @WithDefault("50000000")
    long maxPixels();

    /** The widths and heights a variant may have (Next.js's device and image sizes, and 800). */
    @WithDefault("16,32,48,64,96,128,256,384,640,750,800,828,1080,1200,1920,2048,3840")
    List<Integer> sizes();

    /**
     * The key of signed asset URLs (at least 32 characters): with it, a signed request may ask for any size and
     * quality off the allow-list ({@link AssetSignatures}). None: signed URLs are refused.
     */
    Optional<String> signingKey();

    /** The qualities a variant may have. */
    @WithDefault("50,75,90")
    List<Integer> qualities();

    /** The quality when none is asked for. */
    @WithDefault("75")
    int defaultQuality();

    /** How many transforms run at once; by default one per processor. */
    Optional<Integer> transforms();

    /** How long a first request for a variant waits for a transform slot before 503 with Retry-After. */
    @WithDefault("10s")
    Duration queueTimeout();

    /**
     * How many decoded pixels all running transforms may hold at once (4 bytes each): a large picture is decoded
     * subsampled, and a transform that would go beyond waits for others to finish.
     */
    @WithDefault("16000000")
    long decodeBudgetPixels();

    /**
     * How long an instance trusts what it read of a file: a file deleted on another instance is served by this one
     * (from memory) for at most this long.
     */
    @WithDefault("30s")
    Duration metadataTtl();

    /**
     * Whether a large picture is decoded subsampled (every n-th pixel, keeping three times the output): faster, but
     * fine detail aliases (bench/results/images-quality.md). By default it is decoded whole, within the decode
     * budget, and averaged down.
     */
    @WithDefault("false")
    boolean subsampledDecode();

    /** Bytes of variants kept in memory, for the ones asked for most. */
    @WithDefault("16777216")
    long memoryCacheBytes();

    /** Bytes written to storage without a row (an upload that failed half-way) are removed after this long. */
    @WithDefault("1h")
    Duration orphanAge();

    interface S3 {
        /** The endpoint, for anything but AWS itself (MinIO, OSS, COS, s3proxy). */
        Optional<String> endpoint();

        @WithDefault("files")
        String bucket();

        @WithDefault("us-east-1")
        String region();

        /** The access key; without one the SDK's default credentials chain is used. */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Path-style addressing (bucket in the path), as MinIO and s3proxy want. */
        @WithDefault("true")
        boolean pathStyle();

        /** A prefix for every key, so that one bucket can serve several deployments. */
        @WithDefault("")
        Optional<String> prefix();
    }
}
