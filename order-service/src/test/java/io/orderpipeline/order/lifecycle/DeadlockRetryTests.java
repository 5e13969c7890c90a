package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A payment or cancellation that InnoDB picks as a deadlock victim (racing the order's other outcome at the deadline)
 * is run again in a new transaction (OrderController), and answers what the winner left; only four lost deadlocks in a
 * row answer 503. (In this package to build the domain's exceptions.)
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class DeadlockRetryTests {

    private static final CannotAcquireLockException DEADLOCK =
            new CannotAcquireLockException("Deadlock found when trying to get lock; try restarting transaction");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderPayments payments;

    @Test
    void aCancellationChosenAsADeadlockVictimIsRunAgainAndAnswersWhatTheWinnerLeft() throws Exception {
        given(payments.cancel("o-1")).willThrow(DEADLOCK).willThrow(DEADLOCK)
                .willThrow(new OrderStateConflictException("Order o-1 is PAID", OrderStatus.PAID));

        mvc.perform(post("/orders/o-1/cancellation"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(payments, times(3)).cancel("o-1");
    }

    @Test
    void aPaymentThatLosesFourDeadlocksInARowAnswers503() throws Exception {
        given(payments.pay(any(), any(BigDecimal.class))).willThrow(DEADLOCK);

        mvc.perform(post("/orders/o-2/payment").contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"20.00\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value(503));
        verify(payments, times(4)).pay(any(), any(BigDecimal.class));
    }
}
