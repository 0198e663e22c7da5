package org.warmnest.platform.config;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.warmnest.platform.migration.AppRole;
import org.warmnest.platform.migration.MigrationProperties;
import org.warmnest.platform.migration.StartupMigrations;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemAdvice;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.problem.Problems;
import org.warmnest.platform.security.AuthorizeBeforeBinding;
import org.warmnest.platform.security.HandlerAuthorization;
import org.warmnest.platform.security.ResourceServerConfiguration;
import org.warmnest.platform.security.SecurityProperties;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.ContextTenantResolver;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.ProvisioningController;
import org.warmnest.platform.tenancy.SchemaPerTenantConnectionProvider;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tracing.TraceparentFilter;
import org.warmnest.platform.tracing.TraceparentPropagation;

import jakarta.servlet.DispatcherType;

import tools.jackson.databind.json.JsonMapper;

/** Wires the platform's mechanisms into a service: tenancy, migrations, problems, security and tracing. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                // the platform's error page (ProblemErrorController) stands in for Boot's
                "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@EnableConfigurationProperties({ MigrationProperties.class, SecurityProperties.class })
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Problems problems(MessageSource messageSource) {
        return new Problems(messageSource);
    }

    /**
     * Migrations run as the schemas' owner. A service that names an application role
     * ({@code warmnest.database.app-role}) migrates through a small pool of its own (as
     * {@code warmnest.database.owner-username} when given, else as the service's login) and serves requests under
     * the role (see {@link AppRole}).
     */
    @Bean
    TenantSchemaMigrator tenantSchemaMigrator(DataSource dataSource, MigrationProperties properties,
            org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.jdbc.autoconfigure.DataSourceProperties> dataSources) {
        String role = environment.getProperty(APP_ROLE);
        DataSource owner = dataSource;
        AppRole appRole = null;
        if (role != null && !role.isBlank() && dataSources.getIfAvailable() != null) {
            appRole = new AppRole(role, java.util.List.of(environment.getProperty(
                    "warmnest.database.append-only-tables", String[].class, new String[0])));
            var builder = dataSources.getObject().initializeDataSourceBuilder()
                    .type(com.zaxxer.hikari.HikariDataSource.class);
            // in production the owner logs in apart, and the service's login is only a member of the role
            String ownerUser = environment.getProperty("warmnest.database.owner-username");
            if (ownerUser != null && !ownerUser.isBlank()) {
                builder.username(ownerUser).password(environment.getProperty("warmnest.database.owner-password", ""));
            }
            com.zaxxer.hikari.HikariDataSource migrations = builder.build();
            migrations.setPoolName("migrations");
            migrations.setMaximumPoolSize(properties.parallelism() + 1);
            migrations.setMinimumIdle(0);
            owner = migrations;
        }
        TenantSchemaMigrator migrator = new TenantSchemaMigrator(owner, properties);
        if (appRole != null) {
            migrator.useAppRole(appRole);
        }
        migrator.migrateRegistry(); // the registry must exist before anything reads it
        return migrator;
    }

    static final String APP_ROLE = "warmnest.database.app-role";

    /** The service's pool takes the application role on every connection, when the service names one. */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor appRoleOnPool(
            org.springframework.core.env.Environment environment) {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                String role = environment.getProperty(APP_ROLE);
                if (bean instanceof com.zaxxer.hikari.HikariDataSource pool && role != null && !role.isBlank()
                        && pool.getConnectionInitSql() == null) {
                    new AppRole(role, java.util.List.of()); // the name is checked before it is used in SQL
                    pool.setConnectionInitSql("set role " + role);
                }
                return bean;
            }
        };
    }

    @Bean
    @DependsOn("tenantSchemaMigrator")
    TenantRegistry tenantRegistry(DataSource dataSource, Clock clock,
            @Value("${warmnest.tenancy.status-cache-ttl:2s}") Duration statusTtl) {
        return new TenantRegistry(JdbcClient.create(dataSource), clock, statusTtl);
    }

    @Bean
    TenantProvisioner tenantProvisioner(TenantRegistry registry, TenantSchemaMigrator migrator) {
        return new TenantProvisioner(registry, migrator);
    }

    @Bean
    DistrictReads districtReads(TenantRegistry registry, TenantSchemaMigrator migrator,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new DistrictReads(registry, migrator, transactions);
    }

    @Bean
    StartupMigrations startupMigrations(TenantSchemaMigrator migrator, TenantRegistry registry,
            MigrationProperties properties) {
        return new StartupMigrations(migrator, registry, properties);
    }

    @Bean
    HibernatePropertiesCustomizer schemaPerTenant(DataSource dataSource) {
        return properties -> {
            properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                    new SchemaPerTenantConnectionProvider(dataSource));
            properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new ContextTenantResolver());
        };
    }

    @Bean
    @ConditionalOnProperty("warmnest.service-auth.token-uri")
    ServiceTokens serviceTokens(RestClient.Builder builder, Clock clock,
            @Value("${warmnest.service-auth.token-uri}") String tokenUri,
            @Value("${warmnest.service-auth.client-id}") String clientId,
            @Value("${warmnest.service-auth.client-secret}") String clientSecret) {
        var timeouts = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(3));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        return new ServiceTokens(builder.clone().requestFactory(timeouts).build(), tokenUri, clientId, clientSecret,
                clock);
    }

    /** Every client built from Boot's builder carries the current trace to the service it calls. */
    @Bean
    RestClientCustomizer traceparentPropagation() {
        TraceparentPropagation propagation = new TraceparentPropagation();
        return builder -> builder.requestInterceptor(propagation);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({ ResourceServerConfiguration.class, ProblemAdvice.class, ProvisioningController.class,
            org.warmnest.platform.problem.ErrorRendering.class, org.warmnest.platform.web.PublicAddress.class })
    static class Web {

        @Bean
        ProblemWriter problemWriter(Problems problems, JsonMapper jsonMapper) {
            return new ProblemWriter(problems, jsonMapper);
        }

        /** First of all filters, so that security's own refusals are logged and answered with the trace. */
        @Bean
        FilterRegistrationBean<TraceparentFilter> traceparentFilter() {
            FilterRegistrationBean<TraceparentFilter> registration = new FilterRegistrationBean<>(
                    new TraceparentFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            return registration;
        }

        @Bean
        AuthorizeBeforeBinding authorizeBeforeBinding(HandlerAuthorization authorization, ProblemWriter problems) {
            return new AuthorizeBeforeBinding(authorization, problems);
        }

        @Bean
        WebMvcConfigurer authorizeBeforeBindingConfigurer(AuthorizeBeforeBinding interceptor) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(interceptor);
                }
            };
        }
    }
}
