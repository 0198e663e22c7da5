package org.warmnest.billing.idempotency;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link MovesMoney} endpoint in {@link IdempotentRequests}, inside method security: a caller who may
 * not call the endpoint is refused (403) before any key is looked at or kept.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor idempotencyAdvisor(ObjectProvider<IdempotentRequests> requests) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, MovesMoney.class, true),
                (MethodInterceptor) invocation -> requests.getObject().invoke(invocation));
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return advisor;
    }
}
