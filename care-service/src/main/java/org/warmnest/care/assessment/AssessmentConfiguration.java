package org.warmnest.care.assessment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssessmentProperties.class)
class AssessmentConfiguration {

    @Bean
    AbilityScoring abilityScoring(AssessmentProperties properties) {
        return new AbilityScoring(properties.interval());
    }
}
