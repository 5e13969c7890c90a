#!/bin/bash
# kafka-run-class.sh CLASS [ARGS]: runs one of Kafka's command-line tools with the image's jars (warnings only
# on stderr, a small heap, quick start), like the script of that name in Kafka's distribution.
exec java ${KAFKA_TOOLS_HEAP_OPTS:--Xmx256m} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties \
    -cp '/opt/kafka/libs/*' "$@"
