#!/usr/bin/env bash
# Builds the local images that stand in for the official ones where no registry is reachable, from Debian
# packages (debootstrap, apt) and Maven Central only. Each is rebuilt only when its recipe changes.
#
#   docker/build-local-images.sh          # build what is missing or out of date
#   docker/build-local-images.sh --force  # rebuild all
#
# then run the stack with them:
#   docker-compose --env-file docker/local.env up --build -d
#
# image                              stands in for              recipe
# order-pipeline/base:bookworm       (debian:bookworm)          docker/local/base (debootstrap + Dockerfile)
# order-pipeline/jre:17              eclipse-temurin:21-jre-noble   docker/local/jre
# order-pipeline/jdk:17              eclipse-temurin:21-jdk-noble   docker/local/jdk
# order-pipeline/mariadb:10.11       mysql:8.4                  docker/local/mariadb
# order-pipeline/rabbitmq:3.10       rabbitmq:4-management      docker/local/rabbitmq
# order-pipeline/kafka:<version>     apache/kafka:<version>     docker/local/kafka (+ jars from Maven Central)
# order-pipeline/zipkin:<version>    openzipkin/zipkin:<version>    docker/local/zipkin (+ the server jar, Central)
# order-pipeline/prometheus:2.42     prom/prometheus:v2.53.4    docker/local/prometheus
# (Grafana has no Debian package and no jar: there is no local stand-in; the stack runs without it.)
#
# "Recipe" = the files of the image's directory, plus its parent's recipe hash (and, for Kafka, the version). The
# hash is stored in the image's label org.order-pipeline.recipe; an image whose label matches is not rebuilt.
# Needs: docker (the daemon running), debootstrap (for the base image), and network access to deb.debian.org
# and repo.maven.apache.org. Work files (root file system, Kafka jars) go to $ORDER_PIPELINE_IMAGE_CACHE
# (default ~/.cache/order-pipeline-images), never into the repository.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="${repo}/docker/local"
cache="${ORDER_PIPELINE_IMAGE_CACHE:-${HOME}/.cache/order-pipeline-images}"
label=org.order-pipeline.recipe
force=false
[ "${1:-}" = --force ] && force=true

# The Kafka version the project's embedded broker and tests use (the root pom's kafka-broker.version).
kafka_version="$(sed -n 's:.*<kafka-broker.version>\(.*\)</kafka-broker.version>.*:\1:p' "${repo}/pom.xml" | head -1)"
[ -n "${kafka_version}" ] || { echo "no kafka-broker.version in ${repo}/pom.xml" >&2; exit 1; }

BASE=order-pipeline/base:bookworm
JRE=order-pipeline/jre:17
JDK=order-pipeline/jdk:17
MARIADB=order-pipeline/mariadb:10.11
RABBITMQ=order-pipeline/rabbitmq:3.10
KAFKA="order-pipeline/kafka:${kafka_version}"
# shellcheck source=local/zipkin/zipkin.env
. "${local_dir}/zipkin/zipkin.env"
ZIPKIN="order-pipeline/zipkin:${ZIPKIN_VERSION}"
PROMETHEUS=order-pipeline/prometheus:2.42

log() { printf '[build-local-images %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# recipe_hash DIR EXTRA...: a hash of every file under DIR (names and contents) and the extra strings.
recipe_hash() {
    local dir="$1"; shift
    { (cd "${dir}" && find . -type f ! -name '.*' | LC_ALL=C sort | while read -r f; do echo "${f}"; sha256sum < "${f}"; done)
      printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

current_hash() { docker image inspect -f "{{ index .Config.Labels \"${label}\" }}" "$1" 2>/dev/null || true; }

# up_to_date IMAGE HASH: true when IMAGE exists with that recipe hash (and --force was not given).
up_to_date() {
    if ! ${force} && [ "$(current_hash "$1")" = "$2" ]; then log "$1 is up to date (recipe ${2})"; return 0; fi
    return 1
}

# build IMAGE HASH CONTEXT [BUILD-ARGS...]
build() {
    local image="$1" hash="$2" context="$3"; shift 3
    local start=${SECONDS}
    log "building ${image} (recipe ${hash})"
    docker build --network host --label "${label}=${hash}" -t "${image}" "$@" "${context}"
    log "built ${image} in $((SECONDS - start)) s"
}

mkdir -p "${cache}"

# --- base: a Debian root file system from debootstrap, imported, then docker/local/base/Dockerfile -------------
base_hash="$(recipe_hash "${local_dir}/base")"
if ! up_to_date "${BASE}" "${base_hash}"; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
    # shellcheck source=local/base/rootfs.env
    . "${local_dir}/base/rootfs.env"
    rootfs="${cache}/rootfs-${SUITE}-${base_hash}"
    rootfs_image="order-pipeline/rootfs:${SUITE}-${base_hash}"
    if ! docker image inspect "${rootfs_image}" >/dev/null 2>&1; then
        start=${SECONDS}
        log "debootstrap --variant=${VARIANT} ${SUITE} (${MIRROR})"
        rm -rf "${rootfs}"
        debootstrap --variant="${VARIANT}" "${SUITE}" "${rootfs}" "${MIRROR}" > "${cache}/debootstrap.log" 2>&1 \
            || { tail -20 "${cache}/debootstrap.log" >&2; exit 1; }
        tar -C "${rootfs}" -c . | docker import - "${rootfs_image}" >/dev/null
        rm -rf "${rootfs}"
        log "imported ${rootfs_image} in $((SECONDS - start)) s"
    fi
    build "${BASE}" "${base_hash}" "${local_dir}/base" --build-arg "ROOTFS=${rootfs_image}"
fi

# --- the images built on top of it ---------------------------------------------------------------------------
jre_hash="$(recipe_hash "${local_dir}/jre" "${base_hash}")"
up_to_date "${JRE}" "${jre_hash}" || build "${JRE}" "${jre_hash}" "${local_dir}/jre" --build-arg "BASE_IMAGE=${BASE}"

jdk_hash="$(recipe_hash "${local_dir}/jdk" "${jre_hash}")"
up_to_date "${JDK}" "${jdk_hash}" || build "${JDK}" "${jdk_hash}" "${local_dir}/jdk" --build-arg "JRE_IMAGE=${JRE}"

mariadb_hash="$(recipe_hash "${local_dir}/mariadb" "${base_hash}")"
up_to_date "${MARIADB}" "${mariadb_hash}" \
    || build "${MARIADB}" "${mariadb_hash}" "${local_dir}/mariadb" --build-arg "BASE_IMAGE=${BASE}"

rabbitmq_hash="$(recipe_hash "${local_dir}/rabbitmq" "${base_hash}")"
up_to_date "${RABBITMQ}" "${rabbitmq_hash}" \
    || build "${RABBITMQ}" "${rabbitmq_hash}" "${local_dir}/rabbitmq" --build-arg "BASE_IMAGE=${BASE}"

kafka_hash="$(recipe_hash "${local_dir}/kafka" "${jre_hash}" "kafka ${kafka_version}")"
if ! up_to_date "${KAFKA}" "${kafka_hash}"; then
    # The build context: the recipe plus libs/ with the jars, in the cache (the jars never enter the repository).
    context="${cache}/kafka-context-${kafka_hash}"
    rm -rf "${context}" && mkdir -p "${context}" && cp -r "${local_dir}/kafka/." "${context}/"
    start=${SECONDS}
    log "fetching the Kafka ${kafka_version} jars (Maven Central, via the local repository)"
    "${repo}/mvnw" -B -q -f "${context}/pom.xml" -Dkafka.version="${kafka_version}" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="${context}/libs"
    log "$(find "${context}/libs" -name '*.jar' | wc -l) jars in $((SECONDS - start)) s"
    build "${KAFKA}" "${kafka_hash}" "${context}" --build-arg "JRE_IMAGE=${JRE}" --build-arg "KAFKA_VERSION=${kafka_version}"
    rm -rf "${context}"
fi

prometheus_hash="$(recipe_hash "${local_dir}/prometheus" "${base_hash}")"
up_to_date "${PROMETHEUS}" "${prometheus_hash}" \
    || build "${PROMETHEUS}" "${prometheus_hash}" "${local_dir}/prometheus" --build-arg "BASE_IMAGE=${BASE}"

zipkin_hash="$(recipe_hash "${local_dir}/zipkin" "${jre_hash}")"
if ! up_to_date "${ZIPKIN}" "${zipkin_hash}"; then
    context="${cache}/zipkin-context-${zipkin_hash}"
    rm -rf "${context}" && mkdir -p "${context}" && cp -r "${local_dir}/zipkin/." "${context}/"
    log "fetching io.zipkin:zipkin-server:${ZIPKIN_VERSION}:exec (Maven Central, via the local repository)"
    "${repo}/mvnw" -B -q -f "${local_dir}/kafka/pom.xml" dependency:copy \
        -Dartifact="io.zipkin:zipkin-server:${ZIPKIN_VERSION}:jar:exec" -DoutputDirectory="${context}" -Dmdep.stripVersion=true \
        -Dmdep.stripClassifier=true
    mv "${context}/zipkin-server.jar" "${context}/zipkin.jar"
    build "${ZIPKIN}" "${zipkin_hash}" "${context}" --build-arg "JRE_IMAGE=${JRE}" --build-arg "ZIPKIN_VERSION=${ZIPKIN_VERSION}"
    rm -rf "${context}"
fi

log "done:"
docker images --filter "label=${label}" --format '  {{.Repository}}:{{.Tag}}  {{.Size}}  {{.CreatedSince}}' | grep -v /rootfs: || true
