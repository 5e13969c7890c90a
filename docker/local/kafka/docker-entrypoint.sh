#!/bin/bash
# Writes /opt/kafka/config/server.properties from the environment (as apache/kafka does), formats the log
# directory once (kafka-storage.sh format --ignore-formatted) and runs the broker in the foreground.
set -euo pipefail

config=/opt/kafka/config/server.properties

# JVM settings, not broker properties (the same exclusions as apache/kafka's image).
not_properties=" KAFKA_VERSION KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_JVM_PERFORMANCE_OPTS KAFKA_GC_LOG_OPTS KAFKA_LOG4J_OPTS
  KAFKA_JMX_OPTS KAFKA_JMX_PORT KAFKA_JMX_HOSTNAME KAFKA_LOG4J_ROOT_LOGLEVEL KAFKA_LOG4J_LOGGERS KAFKA_TOOLS_LOG4J_LOGLEVEL "

property_vars=()
for name in $(compgen -e | grep '^KAFKA_' || true); do
    [[ "${not_properties}" == *" ${name} "* ]] || property_vars+=("${name}")
done

if [ "${#property_vars[@]}" -eq 0 ]; then
    # No configuration given: one node, broker and controller, for `docker run -p 127.0.0.1:9092:9092`.
    export KAFKA_NODE_ID=1 KAFKA_PROCESS_ROLES=broker,controller \
        KAFKA_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093 \
        KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:9092 \
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT \
        KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER KAFKA_CONTROLLER_QUORUM_VOTERS=1@localhost:9093 \
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR=1 \
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR=1 KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0
    property_vars=(KAFKA_NODE_ID KAFKA_PROCESS_ROLES KAFKA_LISTENERS KAFKA_ADVERTISED_LISTENERS
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP KAFKA_CONTROLLER_LISTENER_NAMES KAFKA_CONTROLLER_QUORUM_VOTERS
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS)
fi
: "${KAFKA_LOG_DIRS:=/tmp/kraft-combined-logs}"
[[ " ${property_vars[*]} " == *" KAFKA_LOG_DIRS "* ]] || property_vars+=(KAFKA_LOG_DIRS)
export KAFKA_LOG_DIRS

{
    echo "# written by docker-entrypoint.sh from the KAFKA_* environment"
    for name in "${property_vars[@]}"; do
        key="${name#KAFKA_}"
        key="${key,,}"
        key="${key//___/-}"
        key="${key//__/@}"
        key="${key//_/.}"
        key="${key//@/_}"
        printf '%s=%s\n' "${key}" "${!name}"
    done
} > "${config}"

# Any 16-byte base64url id; the same for every node of a cluster.
cluster_id="${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}"
/opt/kafka/bin/kafka-storage.sh format --cluster-id "${cluster_id}" --config "${config}" --ignore-formatted

export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
exec java ${KAFKA_HEAP_OPTS} \
    ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
    ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties} \
    ${KAFKA_OPTS:-} \
    -cp '/opt/kafka/libs/*' kafka.Kafka "${config}"
