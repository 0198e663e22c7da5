package org.warmnest.care.pii;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PiiProperties.class)
class PiiConfiguration {

    @Bean
    PiiCipher piiCipher(PiiProperties properties) {
        return new PiiCipher(properties);
    }
}
