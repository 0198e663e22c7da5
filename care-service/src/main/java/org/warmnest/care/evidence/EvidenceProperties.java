package org.warmnest.care.evidence;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where evidence photos are kept and how large one may be.
 *
 * @param store    {@code local} (the default) or {@code s3}
 * @param maxBytes the largest photo accepted
 */
@ConfigurationProperties("warmnest.evidence")
record EvidenceProperties(@DefaultValue("local") Kind store, @DefaultValue("10MB") DataSize maxBytes,
                          @DefaultValue Local local, @DefaultValue S3 s3) {

    enum Kind { LOCAL, S3 }

    /** @param root the folder holding the photos, created on start */
    record Local(@DefaultValue(".run/evidence") Path root) {
    }

    /**
     * Any S3-compatible store (MinIO, Alibaba OSS, Tencent COS, Huawei OBS). Endpoint, bucket and keys have no
     * defaults: choosing {@code s3} without them stops the service at start.
     *
     * @param region               the signing region: {@code us-east-1} for MinIO, the store's own region name
     *                             (such as {@code oss-cn-hangzhou} or {@code ap-guangzhou}) elsewhere
     * @param pathStyle            {@code endpoint/bucket/key} addressing (MinIO); false for
     *                             {@code bucket.endpoint/key} (required by OSS)
     * @param serverSideEncryption sent as {@code x-amz-server-side-encryption} on every upload when set, such as
     *                             {@code AES256}
     * @param readTimeout          the longest silence while sending or receiving
     * @param callTimeout          the longest one operation may take, retries included
     * @param maxAttempts          attempts per operation, the first included; failures of the store (5xx, timeouts,
     *                             broken connections) are retried with backoff
     */
    record S3(String endpoint, @DefaultValue("us-east-1") String region, String bucket,
              @DefaultValue("true") boolean pathStyle, String accessKey, String secretKey,
              String serverSideEncryption, @DefaultValue("5s") Duration connectTimeout,
              @DefaultValue("30s") Duration readTimeout, @DefaultValue("2m") Duration callTimeout,
              @DefaultValue("3") int maxAttempts) {
    }
}
