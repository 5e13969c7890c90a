package io.orderpipeline.stack;

/** The database every service uses. */
public enum Database {
    /** An H2 file database per service under {@code PIPELINE_DATA_DIR}; nothing to install. */
    H2,
    /**
     * The MySQL-compatible server named by {@code MYSQL_HOST}/{@code MYSQL_PORT} (default 127.0.0.1:3306),
     * selected by the Spring profile {@code mysql}; each service creates its own database on first start.
     */
    MYSQL
}
