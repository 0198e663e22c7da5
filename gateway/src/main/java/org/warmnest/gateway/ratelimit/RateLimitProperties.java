package org.warmnest.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets per user and per tenant ({@code warmnest.gateway.rate-limit.*}).
 *
 * @param enabled off only for local experiments
 * @param user    the bucket of one subject ({@code sub})
 * @param tenant  the bucket of one tenant: the token's, else the one in the path
 */
@ConfigurationProperties("warmnest.gateway.rate-limit")
public record RateLimitProperties(boolean enabled, Bucket user, Bucket tenant) {

    /**
     * @param replenishPerSecond tokens added per second (the sustained rate)
     * @param burst              the bucket's size (the most requests at once)
     */
    public record Bucket(double replenishPerSecond, int burst) {

        public Bucket {
            if (replenishPerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a bucket needs replenish-per-second > 0 and burst >= 1");
            }
        }
    }
}
