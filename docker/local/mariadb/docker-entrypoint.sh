#!/bin/bash
# The part of the official mysql image's entrypoint that docker-compose.yml relies on, for Debian's MariaDB:
# on an empty data directory, initialise it, start a server without networking, set the root password, create
# MYSQL_DATABASE and MYSQL_USER, run /docker-entrypoint-initdb.d, stop; then run the server as user mysql.
set -euo pipefail
shopt -s nullglob

mysql_log()  { printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$1" "$2"; }
mysql_note() { mysql_log Note "$*"; }
mysql_warn() { mysql_log Warn "$*" >&2; }
mysql_error() { mysql_log ERROR "$*" >&2; exit 1; }

# MARIADB_X wins over MYSQL_X when both are set (the official mariadb image reads both).
for var in ROOT_PASSWORD ALLOW_EMPTY_PASSWORD RANDOM_ROOT_PASSWORD ROOT_HOST DATABASE USER PASSWORD; do
    maria="MARIADB_${var}"; mysql="MYSQL_${var}"
    if [ -n "${!maria:-}" ]; then export "${mysql}=${!maria}"; fi
done

if [ "${1:-}" != mariadbd ] && [ "${1:-}" != mysqld ]; then
    exec "$@"
fi

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock

# Runs SQL (stdin or -e) as root over the init server's socket, like the official image's helper.
docker_process_sql() {
    if [ -n "${MYSQL_DATABASE:-}" ] && [[ " $* " != *" --database="* ]]; then set -- --database="${MYSQL_DATABASE}" "$@"; fi
    mariadb --defaults-extra-file=<(printf '[client]\npassword="%s"\n' "${MYSQL_ROOT_PASSWORD:-}") \
        --protocol=socket -uroot -hlocalhost --socket="${SOCKET}" --comments "$@"
}

sql_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\'/\\\'}"; }

mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld "${DATADIR}"

if [ ! -d "${DATADIR}/mysql" ]; then
    if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
        mysql_error "Database is uninitialized and password option is not specified: set one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD"
    fi
    if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
        export MYSQL_ROOT_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
        mysql_note "GENERATED ROOT PASSWORD: ${MYSQL_ROOT_PASSWORD}"
    fi
    mysql_note "Initializing database files"
    mariadb-install-db --user=mysql --datadir="${DATADIR}" --skip-test-db --auth-root-authentication-method=normal >/dev/null
    mysql_note "Starting temporary server"
    mariadbd --user=mysql --datadir="${DATADIR}" --skip-networking --socket="${SOCKET}" &
    pid=$!
    for _ in $(seq 60); do
        if MYSQL_ROOT_PASSWORD= docker_process_sql --database=mysql -e 'SELECT 1' >/dev/null 2>&1; then break; fi
        kill -0 "${pid}" 2>/dev/null || mysql_error "temporary server exited"
        sleep 1
    done
    mysql_note "Temporary server started"

    root_host="${MYSQL_ROOT_HOST:-%}"
    root_pw="$(sql_escape "${MYSQL_ROOT_PASSWORD:-}")"
    {
        echo "SET @@SESSION.SQL_LOG_BIN=0;"
        echo "DELETE FROM mysql.global_priv WHERE User='' OR (User='root' AND Host NOT IN ('localhost'));"
        echo "DELETE FROM mysql.proxies_priv WHERE Host NOT IN ('localhost');"
        echo "FLUSH PRIVILEGES;"
        echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${root_pw}';"
        if [ "${root_host}" != localhost ]; then
            echo "CREATE USER 'root'@'${root_host}' IDENTIFIED BY '${root_pw}';"
            echo "GRANT ALL ON *.* TO 'root'@'${root_host}' WITH GRANT OPTION;"
        fi
        echo "FLUSH PRIVILEGES;"
    } | MYSQL_ROOT_PASSWORD= docker_process_sql --database=mysql

    if [ -n "${MYSQL_DATABASE:-}" ]; then
        mysql_note "Creating database ${MYSQL_DATABASE}"
        docker_process_sql --database=mysql -e "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
        mysql_note "Creating user ${MYSQL_USER}"
        docker_process_sql --database=mysql -e "CREATE USER '$(sql_escape "${MYSQL_USER}")'@'%' IDENTIFIED BY '$(sql_escape "${MYSQL_PASSWORD}")';"
        if [ -n "${MYSQL_DATABASE:-}" ]; then
            mysql_note "Giving user ${MYSQL_USER} access to schema ${MYSQL_DATABASE}"
            docker_process_sql --database=mysql -e "GRANT ALL ON \`${MYSQL_DATABASE//_/\\_}\`.* TO '$(sql_escape "${MYSQL_USER}")'@'%';"
        fi
    fi

    for f in /docker-entrypoint-initdb.d/*; do
        case "${f}" in
            *.sh)
                if [ -x "${f}" ]; then mysql_note "${0}: running ${f}"; "${f}"
                else mysql_note "${0}: sourcing ${f}"; . "${f}"; fi ;;
            *.sql)    mysql_note "${0}: running ${f}"; docker_process_sql < "${f}" ;;
            *.sql.gz) mysql_note "${0}: running ${f}"; gunzip -c "${f}" | docker_process_sql ;;
            *)        mysql_warn "${0}: ignoring ${f}" ;;
        esac
    done

    mysql_note "Stopping temporary server"
    kill "${pid}"; wait "${pid}" || true
    mysql_note "MariaDB init process done. Ready for start up."
fi

shift
exec mariadbd --user=mysql --datadir="${DATADIR}" --socket="${SOCKET}" "$@"
