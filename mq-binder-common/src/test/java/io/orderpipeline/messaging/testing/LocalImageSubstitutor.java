package io.orderpipeline.messaging.testing;

import java.util.Map;

import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Points Testcontainers at the stand-in images {@code docker/build-local-images.sh} builds (see
 * docs/docker-compose.md), on a Docker engine that reaches no registry: {@code mysql} and {@code mariadb} become
 * {@code order-pipeline/mariadb:10.11}, {@code rabbitmq} becomes {@code order-pipeline/rabbitmq:3.10} and
 * {@code apache/kafka} becomes {@code order-pipeline/kafka:4.3.1}, each only when that local image exists in the
 * engine; any other name, or a stand-in that was not built, is left as it is (Testcontainers then pulls it, as with
 * Docker Hub). Registered through the {@code image.substitutor} key of {@code testcontainers.properties} in this
 * test-jar; Testcontainers loads it only on its Docker path, so a run without an engine never sees it.
 */
public final class LocalImageSubstitutor extends ImageNameSubstitutor {

    private static final Logger log = LoggerFactory.getLogger(LocalImageSubstitutor.class);

    /** Official repository name to the local stand-in's full name. */
    private static final Map<String, String> STAND_INS = Map.of(
            "mysql", "order-pipeline/mariadb:10.11",
            "mariadb", "order-pipeline/mariadb:10.11",
            "rabbitmq", "order-pipeline/rabbitmq:3.10",
            "apache/kafka", "order-pipeline/kafka:4.3.1");

    /** The name the MySQL-compatible stand-in runs under, for a fixture that must pick the MariaDB JDBC driver. */
    static final String MARIADB_STAND_IN = STAND_INS.get("mysql");

    @Override
    public DockerImageName apply(DockerImageName original) {
        String standIn = STAND_INS.get(original.getRepository());
        if (standIn == null || !presentLocally(standIn)) {
            return original;
        }
        log.info("Testcontainers image {} -> local stand-in {}", original.asCanonicalNameString(), standIn);
        return DockerImageName.parse(standIn).asCompatibleSubstituteFor(original);
    }

    @Override
    protected String getDescription() {
        return "order-pipeline local stand-in images (docker/build-local-images.sh)";
    }

    private static boolean presentLocally(String image) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
            return true;
        }
        catch (NotFoundException e) {
            return false;
        }
    }

}
