package io.orderpipeline.messaging.inbox;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link InboxTests} on a MySQL-compatible server (the local MariaDB or MySQL: {@code MYSQL_HOST}, {@code MYSQL_PORT},
 * {@code MYSQL_USER}, {@code MYSQL_PASSWORD}, driver by {@code MYSQL_JDBC_SCHEME} as in the services' mysql profile),
 * each test in a database of its own: the library's migrations, the inbox's statements and its index there.
 */
class InboxMySqlIT extends InboxTests {

    private final String database = "inbox_it_" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource("jdbc:" + env("MYSQL_JDBC_SCHEME", "mysql") + "://"
                + env("MYSQL_HOST", "127.0.0.1") + ":" + env("MYSQL_PORT", "3306") + "/" + database
                + "?createDatabaseIfNotExist=true", env("MYSQL_USER", "root"), env("MYSQL_PASSWORD", ""));
    }

    @AfterEach
    void dropDatabase() {
        new JdbcTemplate(dataSource()).execute("DROP DATABASE " + database);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
