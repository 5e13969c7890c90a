package io.orderpipeline.order;

import java.sql.SQLException;
import java.util.stream.Stream;

import io.orderpipeline.order.lifecycle.OrderPlacement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a client gets while the database restarts: the failures seen by the fault suite when MariaDB was
 * killed mid-request (a lost connection reported as "recoverable", and as a failed rollback) are 503
 * problem details, never Boot's plain 500.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class OrderStoreOutageTests {

    private static final String VALID = "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderPlacement placement;

    static Stream<Arguments> lostConnections() {
        SQLException linkFailure = new SQLException("Communications link failure", "08S01");
        return Stream.of(
                Arguments.of("recoverable", new RecoverableDataAccessException("Communications link failure", linkFailure)),
                Arguments.of("failed rollback", new JpaSystemException(
                        new IllegalStateException("Unable to rollback against JDBC Connection", linkFailure))),
                // HikariCP refuses the rollback on a connection it already marked broken: no SQL state at all
                Arguments.of("rollback on a closed pooled connection", new JpaSystemException(
                        new org.hibernate.TransactionException("Unable to rollback against JDBC Connection",
                                new SQLException("Connection is closed")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lostConnections")
    void answers503ProblemDetailsWhenTheDatabaseConnectionIsLost(String name, RuntimeException failure) throws Exception {
        given(placement.place(any(), any())).willThrow(failure);

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.status").value(503));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherFailures")
    void answers500ProblemDetailsForOtherPersistenceFailures(String name, RuntimeException failure) throws Exception {
        given(placement.place(any(), any())).willThrow(failure);

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(500));
    }

    static Stream<Arguments> otherFailures() {
        return Stream.of(Arguments.of("uncategorized", new JpaSystemException(
                new IllegalStateException("something else", new SQLException("syntax", "42000")))));
    }
}
