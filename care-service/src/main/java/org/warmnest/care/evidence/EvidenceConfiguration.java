package org.warmnest.care.evidence;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceConfiguration {

    @Bean
    EvidenceStore evidenceStore(EvidenceProperties properties) {
        return switch (properties.store()) {
            case LOCAL -> new LocalEvidenceStore(properties.local().root());
            case S3 -> new S3EvidenceStore(properties.s3());
        };
    }

    @Bean
    EvidencePolicy evidencePolicy(EvidenceProperties properties) {
        return new EvidencePolicy(properties.maxBytes().toBytes());
    }
}
