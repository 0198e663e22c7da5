package org.warmnest.care.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

/** The S3 store against WireMock standing in for an S3-compatible service (MinIO, OSS, COS, OBS). */
class S3EvidenceStoreIT {

    static final String BUCKET = "evidence";
    static final String SIGNATURE = "AWS4-HMAC-SHA256 Credential=test-access/[0-9]{8}/cn-north-1/s3/aws4_request, "
            + "SignedHeaders=[a-z0-9;-]*x-amz-content-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}";

    static WireMockServer s3;

    S3EvidenceStore store;
    String key = EvidenceKeys.newKey(TenantCode.of("530402"), LocalDate.of(2026, 11, 5), UUID.randomUUID(), "jpg");
    String path = "/" + BUCKET + "/" + key;

    @BeforeAll
    static void start() {
        s3 = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        s3.start();
    }

    @AfterAll
    static void stop() {
        s3.stop();
    }

    @BeforeEach
    void store() {
        s3.resetAll();
        store = new S3EvidenceStore(settings(null, Duration.ofSeconds(5), 3));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static EvidenceProperties.S3 settings(String serverSideEncryption, Duration readTimeout, int maxAttempts) {
        return settings("http://127.0.0.1:" + s3.port(), serverSideEncryption, readTimeout, maxAttempts);
    }

    static EvidenceProperties.S3 settings(String endpoint, String serverSideEncryption, Duration readTimeout,
                                          int maxAttempts) {
        return new EvidenceProperties.S3(endpoint, "cn-north-1", BUCKET, true, "test-access", "test-secret",
                serverSideEncryption, Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(20), maxAttempts);
    }

    @Test
    void uploadsToTheBucketAndKeySignedOverTheWholePhoto() throws IOException {
        byte[] photo = Photos.sized(Photos.JPEG, 200_000);
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));

        StoredObject stored = store.put(key, new ByteArrayInputStream(photo), "image/jpeg");

        assertThat(stored).isEqualTo(new StoredObject(key, 200_000, Photos.sha256(photo)));
        s3.verify(1, putRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", matching(SIGNATURE))
                .withHeader("x-amz-content-sha256", equalTo(stored.sha256()))
                .withHeader("Content-Type", equalTo("image/jpeg"))
                .withHeader("Content-Length", equalTo("200000"))
                .withoutHeader("Content-Encoding")
                .withoutHeader("x-amz-trailer")
                .withoutHeader("x-amz-server-side-encryption")
                .withRequestBody(binaryEqualTo(photo)));
    }

    @Test
    void overHttpsTooTheStoreIsGivenTheSha256ToCheck() throws IOException {
        store.close();
        // WireMock's certificate is its own
        EvidenceProperties.S3 https = settings("https://127.0.0.1:" + s3.httpsPort(), null, Duration.ofSeconds(5), 3);
        store = new S3EvidenceStore(https, UrlConnectionHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build()));
        byte[] photo = Photos.sized(Photos.WEBP, 70_000);
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));

        StoredObject stored = store.put(key, new ByteArrayInputStream(photo), "image/webp");

        s3.verify(1, putRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", matching(SIGNATURE))
                .withHeader("x-amz-content-sha256", equalTo(stored.sha256()))
                .withRequestBody(binaryEqualTo(photo)));
    }

    @Test
    void asksForServerSideEncryptionWhenConfigured() throws IOException {
        store.close();
        store = new S3EvidenceStore(settings("AES256", Duration.ofSeconds(5), 3));
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));

        store.put(key, new ByteArrayInputStream(Photos.PNG), "image/png");

        s3.verify(putRequestedFor(urlPathEqualTo(path))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256"))
                .withHeader("Authorization", matching(".*SignedHeaders=[a-z0-9;-]*x-amz-server-side-encryption.*")));
    }

    @Test
    void readsThePhotoBack() throws IOException {
        byte[] photo = Photos.sized(Photos.HEIC, 50_000);
        s3.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(photo)));
        s3.stubFor(head(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));

        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        assertThat(store.exists(key)).isTrue();
        s3.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", matching(SIGNATURE)));
    }

    @Test
    void aPhotoTheStoreDoesNotHaveIsMissing() {
        s3.stubFor(get(urlPathEqualTo(path)).willReturn(s3Error(404, "NoSuchKey")));
        s3.stubFor(head(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> store.open(key)).isInstanceOfSatisfying(EvidenceMissing.class,
                e -> assertThat(e.key()).isEqualTo(key));
        assertThat(store.exists(key)).isFalse();
        s3.verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void deletesByKeyAndAKeyAlreadyGoneIsNoError() {
        s3.stubFor(delete(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        store.delete(key);
        s3.verify(1, deleteRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", matching(SIGNATURE)));

        s3.stubFor(delete(urlPathEqualTo(path)).willReturn(s3Error(404, "NoSuchKey")));
        store.delete(key);
    }

    @Test
    void aFailingStoreIsTriedThreeTimesThenReportedUnavailable() {
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(s3Error(500, "InternalError")));
        s3.stubFor(get(urlPathEqualTo(path)).willReturn(s3Error(503, "ServiceUnavailable")));

        assertUnavailable(() -> store.put(key, new ByteArrayInputStream(Photos.JPEG), "image/jpeg"));
        assertUnavailable(() -> store.open(key));

        s3.verify(3, putRequestedFor(urlPathEqualTo(path)).withRequestBody(binaryEqualTo(Photos.JPEG)));
        s3.verify(3, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aRefusalIsNotRetried() {
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(s3Error(403, "AccessDenied")));
        s3.stubFor(head(urlPathEqualTo(path)).willReturn(aResponse().withStatus(403)));

        assertUnavailable(() -> store.put(key, new ByteArrayInputStream(Photos.JPEG), "image/jpeg"));
        assertUnavailable(() -> store.exists(key));

        s3.verify(1, putRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aSilentStoreTimesOut() {
        store.close();
        store = new S3EvidenceStore(settings(null, Duration.ofMillis(300), 2));
        s3.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        long started = System.nanoTime();
        assertUnavailable(() -> store.open(key));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        s3.verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aBrokenConnectionIsUnavailable() {
        s3.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertUnavailable(() -> store.put(key, new ByteArrayInputStream(Photos.JPEG), "image/jpeg"));
    }

    @Test
    void nothingIsSentForARefusedUploadABrokenOneOrABadKey() throws IOException {
        long partsBefore = spoolFiles();
        EvidencePolicy policy = new EvidencePolicy(4096);
        EvidencePolicy.Upload tooLarge = policy.check(new ByteArrayInputStream(Photos.sized(Photos.JPEG, 4097)));

        assertThatThrownBy(() -> store.put(key, tooLarge.content(), tooLarge.contentType()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("evidence-too-large"));
        assertThatThrownBy(() -> store.put(key, Photos.breakingAfter(Photos.sized(Photos.JPEG, 9000), 5000),
                "image/jpeg")).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThatThrownBy(() -> store.put("t_530402/2026/11/../../../etc/passwd",
                new ByteArrayInputStream(Photos.JPEG), "image/jpeg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("/" + key)).isInstanceOf(IllegalArgumentException.class);

        s3.verify(0, anyRequestedFor(anyUrl()));
        assertThat(spoolFiles()).isEqualTo(partsBefore);
    }

    static void assertUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.code()).isEqualTo("evidence-store-unavailable");
        });
    }

    static ResponseDefinitionBuilder s3Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "req-1")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code>"
                        + "<Message>" + code + "</Message><RequestId>req-1</RequestId></Error>");
    }

    static long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("evidence-")).count();
        }
    }
}
