package no.arealbank.database;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The application's {@link javax.sql.DataSource}: the external database named by {@code arealbank.db.url}, else a
 * {@link PrivateCluster} in {@code arealbank.db.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /**
     * Stopped by Spring when the context closes, after the pool (which depends on it) is closed and, on SIGTERM,
     * after the web server has drained. Its own JVM shutdown hook is off: JVM hooks run concurrently, so it would
     * stop PostgreSQL under requests that Spring's graceful shutdown is still finishing.
     */
    @Bean(destroyMethod = "stop")
    @Conditional(NoExternalDatabase.class)
    PrivateCluster privateCluster(DatabaseProperties properties) {
        return PrivateCluster.builder(properties.dataDir()).stopOnJvmShutdown(false).start();
    }

    /** Any HikariCP setting can be overridden with {@code spring.datasource.hikari.*} (SPRING_DATASOURCE_HIKARI_*). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DatabaseProperties properties, ObjectProvider<PrivateCluster> privateCluster) {
        // not started here: the pool starts on first use, after spring.datasource.hikari.* has been bound
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("arealbank");
        dataSource.setDriverClassName("org.postgresql.Driver");
        if (properties.external()) {
            dataSource.setJdbcUrl(properties.url());
            if (properties.user() != null && !properties.user().isBlank()) {
                dataSource.setUsername(properties.user());
            }
            if (properties.password() != null && !properties.password().isEmpty()) {
                dataSource.setPassword(properties.password());
            }
            log.info("database: external url={} user={}", withoutQuery(properties.url()), properties.user());
        } else {
            PrivateCluster cluster = privateCluster.getObject();
            dataSource.setJdbcUrl(cluster.jdbcUrl());
            dataSource.setUsername(cluster.username());
            dataSource.setPassword(cluster.password());
            log.info("database: private cluster url={} dataDir={}", cluster.jdbcUrl(), cluster.dataDir());
        }
        // Keep every connection warm: a fresh backend pays ~24 ms PROJ set-up on its first ST_Transform
        // (DESIGN.md, PostGIS traps), so the pool never shrinks below its maximum.
        // Plan every statement for its actual values. pgjdbc switches to a server-prepared generic plan after five
        // executions; for spatial statements that plan misjudges selectivity and can evaluate ST_Transform of a
        // bound envelope per row (DESIGN.md, PostGIS traps). Planning costs ~0.1 ms; a wrong plan costs tens of ms.
        dataSource.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        dataSource.setMaximumPoolSize(properties.poolSize());
        dataSource.setMinimumIdle(properties.poolSize());
        return dataSource;
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** No (or a blank) {@code arealbank.db.url}: the env var mapping in application.yaml yields "" when unset. */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("arealbank.db.url");
            return url == null || url.isBlank();
        }
    }
}
