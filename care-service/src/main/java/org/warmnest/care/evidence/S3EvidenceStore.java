package org.warmnest.care.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Evidence in an S3-compatible object store, one object per key in one bucket. An upload is spooled to a private
 * temporary file first, hashing it on the way: the store is only called once the whole photo has arrived and passed
 * the size limit (so a refused upload leaves nothing), and it is told the length and the SHA-256 of the body, which
 * it checks against what it receives.
 *
 * <p>The client is kept to what every compatible store understands: a SigV4 signature over the whole payload,
 * no {@code aws-chunked} bodies and no checksum trailers (the SDK's newer defaults, which not every compatible store
 * accepts).
 */
final class S3EvidenceStore implements EvidenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3EvidenceStore.class);

    private final S3Client client;
    private final SdkHttpClient http;
    private final String bucket;
    private final String serverSideEncryption;

    S3EvidenceStore(EvidenceProperties.S3 settings) {
        this(settings, UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .build());
    }

    /** @param http the connection to the store; closed with this store */
    S3EvidenceStore(EvidenceProperties.S3 settings, SdkHttpClient http) {
        requireSettings(settings);
        this.bucket = settings.bucket();
        this.serverSideEncryption = blank(settings.serverSideEncryption()) ? null : settings.serverSideEncryption();
        this.http = http;
        S3AuthSchemeProvider defaults = S3AuthSchemeProvider.defaultProvider();
        this.client = S3Client.builder()
                .endpointOverride(URI.create(settings.endpoint()))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .httpClient(http)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // the SDK leaves S3 payloads unsigned over HTTPS; signed, the store checks the bytes it got
                .authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder()
                                .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                                .putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                                .build())
                        .toList())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(settings.callTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build()))
                .build();
        log.info("Evidence photos are kept in bucket {} at {}", bucket, settings.endpoint());
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        EvidenceKeys.requireValid(key);
        Path spool = null;
        try {
            spool = Files.createTempFile("evidence-", ".part");
            HashingCopy.Copied copied;
            try (OutputStream out = Files.newOutputStream(spool)) {
                copied = HashingCopy.copy(content, out);
            }
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                    .contentLength(copied.size());
            if (contentType != null) {
                request.contentType(contentType);
            }
            if (serverSideEncryption != null) {
                request.serverSideEncryption(serverSideEncryption);
            }
            client.putObject(request.build(), RequestBody.fromFile(spool));
            return new StoredObject(key, copied.size(), copied.sha256());
        } catch (HashingCopy.SourceFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            log.error("Could not spool evidence {} before upload: {}", key, e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "evidence-store-unavailable");
        } catch (SdkException e) {
            throw unavailable("put", key, e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    log.warn("Could not remove the spooled evidence file {}: {}", spool, e.toString());
                }
            }
        }
    }

    @Override
    public InputStream open(String key) {
        EvidenceKeys.requireValid(key);
        try {
            return client.getObject(b -> b.bucket(bucket).key(key));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw new EvidenceMissing(key);
            }
            throw unavailable("open", key, e);
        } catch (SdkException e) {
            throw unavailable("open", key, e);
        }
    }

    @Override
    public void delete(String key) {
        EvidenceKeys.requireValid(key);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (AwsServiceException e) {
            // S3 answers 204 for a key it does not have; some compatible stores answer 404
            if (e.statusCode() != 404) {
                throw unavailable("delete", key, e);
            }
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        EvidenceKeys.requireValid(key);
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("find", key, e);
        } catch (SdkException e) {
            throw unavailable("find", key, e);
        }
    }

    @Override
    public void close() {
        client.close();
        http.close();
    }

    private static ProblemException unavailable(String operation, String key, SdkException e) {
        if (e instanceof AwsServiceException answered) {
            String code = answered.awsErrorDetails() == null ? null : answered.awsErrorDetails().errorCode();
            log.warn("Evidence store answered {}{} to {} {}, request id {}", answered.statusCode(),
                    code == null ? "" : " " + code, operation, key, answered.requestId());
        } else {
            log.warn("Evidence store did not answer to {} {}: {}", operation, key, e.getMessage());
        }
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "evidence-store-unavailable");
    }

    /** Names, never values, of the settings missing: the service does not start without them. */
    private static void requireSettings(EvidenceProperties.S3 settings) {
        List<String> missing = new ArrayList<>();
        if (blank(settings.endpoint())) {
            missing.add("warmnest.evidence.s3.endpoint");
        }
        if (blank(settings.bucket())) {
            missing.add("warmnest.evidence.s3.bucket");
        }
        if (blank(settings.region())) {
            missing.add("warmnest.evidence.s3.region");
        }
        if (blank(settings.accessKey())) {
            missing.add("warmnest.evidence.s3.access-key");
        }
        if (blank(settings.secretKey())) {
            missing.add("warmnest.evidence.s3.secret-key");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("warmnest.evidence.store=s3 needs " + String.join(", ", missing));
        }
        if (settings.maxAttempts() < 1) {
            throw new IllegalStateException("warmnest.evidence.s3.max-attempts must be at least 1");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
