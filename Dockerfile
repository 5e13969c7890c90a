# syntax=docker/dockerfile:1
#
# One image recipe for all five services; the module is chosen at build time:
#   docker build --build-arg SERVICE=order-service -t order-pipeline/order-service .
# docker-compose.yml passes SERVICE for each service, so `docker compose up --build` is enough.
# Needs BuildKit (the default builder since Docker Engine 23) for the cache mount below.

# ---- build: the Maven wrapper on a JDK -----------------------------------------------------
# JDK 21 compiles the Java 17 bytecode the poms ask for (maven.compiler.release=17).
FROM eclipse-temurin:21-jdk-noble AS build
ARG SERVICE
WORKDIR /workspace

# The reactor parses every module listed in the parent pom even with -pl, so the whole tree
# (minus what .dockerignore drops) is copied. Dependencies are not re-downloaded on a source
# change: ~/.m2 (the Maven distribution the wrapper fetches, and the local repository) lives
# in a BuildKit cache mount that survives between builds without becoming an image layer.
COPY . .
RUN --mount=type=cache,target=/root/.m2,id=order-pipeline-m2 \
    test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>, e.g. order-service" >&2; exit 1; }; \
    test -f "${SERVICE}/pom.xml" || { echo "no Maven module named '${SERVICE}'" >&2; exit 1; }; \
    ./mvnw -B -DskipTests -pl "${SERVICE}" -am package \
    && cp "${SERVICE}/target/${SERVICE}.jar" /workspace/app.jar

# ---- runtime: a JRE, a non-root user, the fat jar ------------------------------------------
# Ubuntu-based (noble), not Alpine: the Temurin Ubuntu images ship curl and wget, which the
# compose healthchecks use to call /actuator/health.
FROM eclipse-temurin:21-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="order-pipeline ${SERVICE} (Spring Boot)"

# A fixed numeric uid/gid so orchestrators can verify runAsNonRoot without resolving names.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /workspace/app.jar /app/app.jar

# The JVM sizes its heap from the container's memory limit (cgroup-aware since JDK 10), not
# the host's: 75 % leaves room for metaspace, thread stacks, direct buffers and code cache.
# ExitOnOutOfMemoryError: a broken JVM exits and the restart policy replaces it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
# No HEALTHCHECK here: docker-compose.yml declares one per service (the port differs).
ENTRYPOINT ["java","-jar","/app/app.jar"]
