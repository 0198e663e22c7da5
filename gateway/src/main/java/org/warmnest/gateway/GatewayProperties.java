package org.warmnest.gateway;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code warmnest.gateway.*}; the rate limits are in
 * {@link org.warmnest.gateway.ratelimit.RateLimitProperties}).
 *
 * @param maxBodySize    the largest request body
 * @param maxUploadSize  the largest body of an import upload (a path ending in {@code /import} or containing
 *                       {@code /imports})
 * @param cors           the browser origins of the console
 */
@ConfigurationProperties("warmnest.gateway")
public record GatewayProperties(DataSize maxBodySize, DataSize maxUploadSize, Cors cors) {

    /** @param allowedOrigins exact origins, e.g. {@code https://console.warmnest.example} */
    public record Cors(List<String> allowedOrigins) {
    }
}
