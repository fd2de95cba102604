package com.bohe.content.files;

import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in this JVM (s3proxy over jclouds' in-memory store), on a free loopback port, with signed
 * requests (AWS v2 or v4) as a bucket demands them.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-key-for-s3proxy";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    public S3Server() throws Exception {
        Properties properties = new Properties();
        context = ContextBuilder.newBuilder("transient").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The settings of an instance that keeps its files in this server's bucket, as environment variables. */
    public Map<String, String> environment(String bucket) {
        return Map.of("CONTENT_FILES_STORAGE", "s3", "CONTENT_FILES_S3_ENDPOINT", endpoint(), "CONTENT_FILES_S3_BUCKET", bucket,
                "CONTENT_FILES_S3_ACCESS_KEY", ACCESS_KEY, "CONTENT_FILES_S3_SECRET_KEY", SECRET_KEY);
    }

    /** The same settings, as the configuration of {@link S3FileStore}. */
    public FilesConfig.S3 config(String bucket, String prefix) {
        String endpoint = endpoint();
        return new FilesConfig.S3() {
            @Override
            public java.util.Optional<String> endpoint() {
                return java.util.Optional.of(endpoint);
            }

            @Override
            public String bucket() {
                return bucket;
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public java.util.Optional<String> accessKey() {
                return java.util.Optional.of(ACCESS_KEY);
            }

            @Override
            public java.util.Optional<String> secretKey() {
                return java.util.Optional.of(SECRET_KEY);
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public java.util.Optional<String> prefix() {
                return java.util.Optional.ofNullable(prefix);
            }
        };
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
