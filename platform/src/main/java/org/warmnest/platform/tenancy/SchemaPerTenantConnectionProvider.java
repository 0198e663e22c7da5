package org.warmnest.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * One pool for all tenants. A connection is pointed at the tenant's schema as it is handed to Hibernate
 * and pointed back at {@link #NO_TENANT_SCHEMA} (a schema that never exists) as it is returned, so a pooled
 * connection can never carry one tenant's search path into another's work; unqualified names on a
 * connection without a tenant resolve to nothing.
 */
public class SchemaPerTenantConnectionProvider implements MultiTenantConnectionProvider<String> {

    /** Never created: a connection outside a tenant sees no tenant table at all. */
    public static final String NO_TENANT_SCHEMA = "warmnest_no_tenant";

    private final transient DataSource dataSource;

    public SchemaPerTenantConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setSchema(NO_TENANT_SCHEMA);
        return connection;
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        release(connection);
    }

    @Override
    public Connection getConnection(String tenantIdentifier) throws SQLException {
        String schema = ContextTenantResolver.NO_TENANT.equals(tenantIdentifier) ? NO_TENANT_SCHEMA
                : TenantCode.of(tenantIdentifier).schema();
        Connection connection = dataSource.getConnection();
        try {
            connection.setSchema(schema);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public void releaseConnection(String tenantIdentifier, Connection connection) throws SQLException {
        release(connection);
    }

    private static void release(Connection connection) throws SQLException {
        try {
            if (!connection.isClosed()) {
                // The pool resets the schema too (its default schema is NO_TENANT_SCHEMA), after any rollback.
                connection.setSchema(NO_TENANT_SCHEMA);
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        throw new UnsupportedOperationException(unwrapType.getName());
    }
}
