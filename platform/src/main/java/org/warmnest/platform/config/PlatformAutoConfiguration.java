package org.warmnest.platform.config;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.warmnest.platform.migration.AppLogin;
import org.warmnest.platform.migration.MigrationProperties;
import org.warmnest.platform.migration.StartupMigrations;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemAdvice;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.problem.Problems;
import org.warmnest.platform.security.AuthorizeBeforeBinding;
import org.warmnest.platform.security.ContractorEngagements;
import org.warmnest.platform.security.IdentityGate;
import org.warmnest.platform.security.IdentityStateReads;
import org.warmnest.platform.security.TenantServiceEngagements;
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

    static final String MIGRATION_USERNAME = "warmnest.database.migration-username";
    static final String MIGRATION_PASSWORD = "warmnest.database.migration-password";
    static final String APPEND_ONLY_TABLES = "warmnest.database.append-only-tables";

    /**
     * Two database logins. The migration login ({@code warmnest.database.migration-username}) owns the schemas: it
     * runs Liquibase at start-up and when a tenant is provisioned, through a small pool of its own, and grants the
     * application login its rights after each migration. The application login ({@code spring.datasource.username})
     * serves every request through the service's pool; it owns nothing and may not change a record (see
     * {@link AppLogin}). A service whose application login could drop a trail's trigger does not start.
     */
    @Bean
    TenantSchemaMigrator tenantSchemaMigrator(DataSource dataSource, MigrationProperties properties,
            org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.jdbc.autoconfigure.DataSourceProperties> dataSources) {
        var pool = dataSources.getObject();
        String appUser = pool.determineUsername();
        String migrationUser = environment.getProperty(MIGRATION_USERNAME, "");
        if (migrationUser.isBlank()) {
            throw new IllegalStateException("No migration login: set WARMNEST_DB_MIGRATION_USER and"
                    + " WARMNEST_DB_MIGRATION_PASSWORD (" + MIGRATION_USERNAME + "). The service needs two database"
                    + " logins: the migration login, which owns the schemas, and the login of its requests"
                    + " (WARMNEST_DB_USER), which owns nothing (README, Configuration).");
        }
        if (migrationUser.equals(appUser)) {
            throw new IllegalStateException("The migration login and the application login are both " + appUser
                    + ": give the service's requests a login of their own that owns nothing (README, Configuration).");
        }
        com.zaxxer.hikari.HikariDataSource migrations = pool.initializeDataSourceBuilder()
                .type(com.zaxxer.hikari.HikariDataSource.class).username(migrationUser)
                .password(environment.getProperty(MIGRATION_PASSWORD, "")).build();
        migrations.setPoolName("migrations");
        migrations.setMaximumPoolSize(properties.parallelism() + 1);
        migrations.setMinimumIdle(0);
        TenantSchemaMigrator migrator = new TenantSchemaMigrator(migrations, properties);
        migrator.useAppLogin(new AppLogin(appUser,
                java.util.List.of(environment.getProperty(APPEND_ONLY_TABLES, String[].class, new String[0]))));
        migrator.migrateRegistry(); // the registry must exist before anything reads it
        try (java.sql.Connection c = dataSource.getConnection()) {
            java.util.List<String> privileges = AppLogin.privileges(c);
            if (!privileges.isEmpty()) {
                migrator.close();
                throw new IllegalStateException("The application's database login " + appUser + " is too strong to"
                        + " serve requests (" + String.join("; ", privileges) + "): it must own nothing and be"
                        + " neither a superuser nor the migration login (README, Configuration).");
            }
        } catch (java.sql.SQLException e) {
            migrator.close();
            throw new IllegalStateException("cannot check the application's database login " + appUser, e);
        }
        return migrator;
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
            @Value("${warmnest.service-auth.client-secret:}") String clientSecret) {
        PlatformDefaults.requireClientSecret(clientSecret);
        var timeouts = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(3));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        return new ServiceTokens(builder.clone().requestFactory(timeouts).build(), tokenUri, clientId, clientSecret,
                clock);
    }

    /** The state tenant-service writes for the gateway, read again by this service ({@link IdentityGate}). */
    @Bean
    IdentityStateReads identityStateReads(StringRedisTemplate redis, Clock clock,
            @Value("${warmnest.identity.state-prefix}") String prefix,
            @Value("${warmnest.identity.state-cache-ttl:2s}") Duration ttl) {
        return new IdentityStateReads(redis, prefix, ttl, clock);
    }

    /** Contractors' engagements as tenant-service gives them; tenant-service itself answers from its tables. */
    @Bean
    @ConditionalOnMissingBean(ContractorEngagements.class)
    TenantServiceEngagements tenantServiceEngagements(RestClient.Builder builder,
            ObjectProvider<ServiceTokens> tokens, Clock clock, RedisConnectionFactory redis,
            @Value("${warmnest.services.tenant-url}") String tenantUrl,
            @Value("${warmnest.identity.state-prefix}") String prefix,
            @Value("${warmnest.contractor-scope.cache-ttl:30s}") Duration ttl) {
        var timeouts = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        RestClient.Builder b = builder.clone().baseUrl(tenantUrl).requestFactory(timeouts);
        ServiceTokens serviceTokens = tokens.getIfAvailable();
        if (serviceTokens != null) {
            b.requestInterceptor(serviceTokens.interceptor());
        }
        return new TenantServiceEngagements(b.build(), ttl, clock, redis, prefix);
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
