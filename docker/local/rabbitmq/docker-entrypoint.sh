#!/bin/bash
# Writes /etc/rabbitmq/rabbitmq.conf from the environment the official image understands, then runs the node.
set -euo pipefail

conf=/etc/rabbitmq/rabbitmq.conf
{
    echo "# written by docker-entrypoint.sh"
    echo "listeners.tcp.default = 5672"
    echo "management.tcp.port = 15672"
    echo "loopback_users.guest = false"
    # The default user, password and vhost are created only when the node starts on an empty database.
    [ -z "${RABBITMQ_DEFAULT_USER:-}" ]  || echo "default_user = ${RABBITMQ_DEFAULT_USER}"
    [ -z "${RABBITMQ_DEFAULT_PASS:-}" ]  || echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
    [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST}"
    # The default user is an administrator, as in the official image.
    echo "default_user_tags.administrator = true"
    echo "default_permissions.configure = .*"
    echo "default_permissions.read = .*"
    echo "default_permissions.write = .*"
} > "${conf}"

if [ -n "${RABBITMQ_ERLANG_COOKIE:-}" ]; then
    umask 077; printf '%s' "${RABBITMQ_ERLANG_COOKIE}" > "${HOME}/.erlang.cookie"
fi

if [ "${1:-}" = rabbitmq-server ]; then
    shift
    exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi
exec "$@"
