package com.bohe.content.files;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS), through the AWS SDK v2 with the
 * JDK's HTTP client. A PUT is atomic in S3: readers see the whole object or none. Every instance that names the
 * same bucket (and prefix) shares the files.
 */
final class S3FileStore implements FileStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3FileStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;

    S3FileStore(FilesConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 requires them: the SDK's default (since 2.30) sends CRC headers that many
                // S3-compatible stores (older MinIO, OSS, COS, s3proxy) refuse with 400 or 501.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        if (config.accessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().orElse(""))));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = config.bucket();
        String p = config.prefix().orElse("");
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
        this.description = "s3 " + config.endpoint().orElse("aws") + "/" + bucket + "/" + prefix;
        ensureBucket();
    }

    /** Creates the bucket when it is missing (a fresh MinIO or test server); where that is not allowed, says so. */
    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            create();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                create();
            } else {
                LOG.warnf("Cannot check the bucket %s (%s): uploads will fail until it is reachable", bucket, e.getMessage());
            }
        } catch (SdkException e) {
            LOG.warnf("Cannot reach the bucket %s (%s): uploads will fail until it is reachable", bucket, e.getMessage());
        }
    }

    private void create() {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            LOG.infof("Created the bucket %s", bucket);
        } catch (SdkException e) {
            LOG.warnf("The bucket %s is missing and cannot be created: %s", bucket, e.getMessage());
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + FileStore.checked(key)).contentType(contentType),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("S3 put " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + FileStore.checked(key))).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new IOException("S3 get " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 get " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + FileStore.checked(key)));
        } catch (SdkException e) {
            throw new IOException("S3 delete " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * One DELETE per object: a file has a few dozen variants at most, and the batch call needs a checksum header
     * that several S3-compatible stores refuse (the SDK sends CRC32 where they expect Content-MD5).
     */
    @Override
    public void deleteAll(String keyPrefix) throws IOException {
        List<String> keys = new ArrayList<>();
        list(keyPrefix, stored -> keys.add(stored.key()));
        for (String key : keys) {
            delete(key);
        }
    }

    @Override
    public void list(String keyPrefix, Consumer<Stored> each) throws IOException {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + FileStore.checked(keyPrefix))).contents()) {
                each.accept(new Stored(object.key().substring(prefix.length()), object.lastModified()));
            }
        } catch (SdkException e) {
            throw new IOException("S3 list " + keyPrefix + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
    }
}
