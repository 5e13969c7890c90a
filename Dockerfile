# One image recipe for all five services; the module is chosen at build time:
#   docker build --build-arg SERVICE=order-service -t order-pipeline/order-service .
# docker-compose.yml passes SERVICE for each service, so `docker compose up --build` is enough.
#
# Builds with BuildKit and with the classic builder (Docker 20.10 without buildx): no `# syntax=` line (it would
# pull a frontend image), no RUN --mount, no COPY --chmod. The base images are build arguments, so the same recipe
# builds on the official Temurin images (the defaults) or on local stand-ins (docker/build-local-images.sh:
# order-pipeline/jdk:17 and order-pipeline/jre:17, Debian's OpenJDK 17).
ARG BUILD_IMAGE=eclipse-temurin:21-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre-noble

# ---- build: the Maven wrapper on a JDK -----------------------------------------------------
# JDK 21 (or 17) compiles the Java 17 bytecode the poms ask for (maven.compiler.release=17).
FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace

# JAR_SOURCE=maven (the default): the reactor parses every module listed in the parent pom even with -pl, so the
# whole tree (minus what .dockerignore drops) is copied, and all five services are built in this one layer, which
# does not depend on SERVICE: the five image builds share it (the builder's layer cache), so Maven runs once per
# source change. Without a cache mount (the classic builder has none), Maven downloads the wrapper's distribution
# and the dependencies again whenever that layer is rebuilt.
# JAR_SOURCE=host: the jars were built on the host beforehand
# (./mvnw -B -DskipTests -pl order-service,inventory-service,points-service,sms-service,coupon-service -am package)
# and come in with the build context (.dockerignore lets <module>/target/<module>.jar through); nothing runs
# Maven in the image. For a machine whose containers cannot reach Maven Central (docker/local.env).
ARG JAR_SOURCE=maven
COPY . .
RUN services="order-service inventory-service points-service sms-service coupon-service"; \
    case "${JAR_SOURCE}" in \
      maven) ./mvnw -B -ntp -DskipTests -pl "$(echo ${services} | tr ' ' ',')" -am package && rm -rf /root/.m2 ;; \
      host) for s in ${services}; do test -f "${s}/target/${s}.jar" \
              || { echo "JAR_SOURCE=host: ${s}/target/${s}.jar is missing: build the jars on the host first" >&2; exit 1; }; \
            done ;; \
      *) echo "JAR_SOURCE must be maven or host, not '${JAR_SOURCE}'" >&2; exit 1 ;; \
    esac

# ---- runtime: a JRE, a non-root user, the fat jar ------------------------------------------
# Ubuntu-based Temurin (noble), not Alpine: it ships curl, which the compose healthchecks use to call
# /actuator/health (the local order-pipeline/jre installs it).
FROM ${RUNTIME_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="order-pipeline ${SERVICE} (Spring Boot)"

# A fixed numeric uid/gid so orchestrators can verify runAsNonRoot without resolving names.
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>, e.g. order-service" >&2; exit 1; }; \
    groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
# Read-only for the app user: owned by root, mode 0644 from the build stage.
COPY --from=build --chown=root:root /workspace/${SERVICE}/target/${SERVICE}.jar /app/app.jar

# The JVM sizes its heap from the container's memory limit (cgroup-aware since JDK 10), not
# the host's: 75 % leaves room for metaspace, thread stacks, direct buffers and code cache.
# ExitOnOutOfMemoryError: a broken JVM exits and the restart policy replaces it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
# No HEALTHCHECK here: docker-compose.yml declares one per service (the port differs).
ENTRYPOINT ["java","-jar","/app/app.jar"]
