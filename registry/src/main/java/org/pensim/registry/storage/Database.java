package org.pensim.registry.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.pensim.registry.config.RegistryConfig;

/**
 * The registry's durable store: an H2 file by default, PostgreSQL by JDBC URL. One table per
 * replicated map, each a key and a JSON document.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final boolean inProcessH2;

    public Database(RegistryConfig.Database config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setPoolName("pensim-registry-db");
        hc.setInitializationFailTimeout(10_000);
        this.postgres = config.jdbcUrl().startsWith("jdbc:postgresql:");
        this.inProcessH2 = config.inProcess();
        this.dataSource = new HikariDataSource(hc);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** An H2 database in this process's own file: its commits must be forced to the file (see GroupCommit). */
    public boolean isInProcessH2() {
        return inProcessH2;
    }

    /** The statement that writes a row whether or not its key exists: parameters key, value. */
    public String upsertSql(String table) {
        return postgres
                ? "INSERT INTO " + table + " (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v"
                : "MERGE INTO " + table + " (k, v) KEY (k) VALUES (?, ?)";
    }

    /** Creates the table of a map if it does not exist yet. */
    public void ensureTable(String table) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            // H2 keeps a CLOB outside the row, which made every write several times dearer; a record is well
            // under H2's 1 MiB limit of CHARACTER VARYING (requests are capped at a quarter of that).
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (k VARCHAR(200) PRIMARY KEY, v " + (postgres ? "TEXT"
                    : "CHARACTER VARYING") + " NOT NULL)");
        } catch (SQLException e) {
            // Members starting together race to create the table; PostgreSQL lets one of them fail.
            try (Connection c = connection(); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException notThere) {
                throw new IllegalStateException("cannot create table " + table + ": " + e.getMessage(), e);
            }
        }
    }

    public boolean isReachable() {
        try (Connection c = connection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
