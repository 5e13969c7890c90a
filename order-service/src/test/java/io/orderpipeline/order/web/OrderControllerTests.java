package io.orderpipeline.order.web;

import java.util.List;

import io.orderpipeline.order.lifecycle.IdempotencyKeyReusedException;
import io.orderpipeline.order.lifecycle.NewOrder;
import io.orderpipeline.order.lifecycle.Order;
import io.orderpipeline.order.lifecycle.OrderNotFoundException;
import io.orderpipeline.order.lifecycle.OrderPayments;
import io.orderpipeline.order.lifecycle.OrderPlacement;
import io.orderpipeline.order.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The orders API's HTTP shape, with the placement mocked: 202 with {@code Location} and
 * {@code {"orderId","status"}}, RFC 9457 problem details for 400, 404 and 422. What the requests store, the
 * idempotency rules against the database and the 413/415 cases are {@code OrderSubmissionTests} and
 * {@code OrderBadInputCorpusTests} (the whole application).
 */
@WebMvcTest(OrderController.class)
class OrderControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    OrderPlacement placement;
    // payment and cancellation: OrderPaymentTests (the whole application, on a simulated clock)
    @MockitoBean
    OrderPayments payments;

    @Test
    void placingAnOrderAnswers202WithItsLocationAndStatus() throws Exception {
        Order order = mock(Order.class);
        given(order.getId()).willReturn("order-1");
        given(order.getStatus()).willReturn(OrderStatus.PENDING);
        given(placement.place(new NewOrder("c-42", List.of(new NewOrder.Item("SKU-0001", 2))), "key-1"))
                .willReturn(new OrderPlacement.Placement(order, false));

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "key-1")
                        .content("""
                                {"customerId": "c-42", "items": [{"sku": "SKU-0001", "quantity": 2}]}"""))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/orders/order-1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"orderId":"order-1","status":"PENDING"}""", true));
    }

    @Test
    void anInvalidBodyIs400ProblemDetailsAndPlacesNothing() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"items": [{"sku": "SKU-0001", "quantity": 0}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
        then(placement).should(never()).place(any(), any());
    }

    @Test
    void listsTheLatestOrdersNewestFirstWithTheLimitGiven() throws Exception {
        Order newer = mock(Order.class);
        given(newer.getId()).willReturn("order-2");
        given(newer.getStatus()).willReturn(OrderStatus.CONFIRMED);
        Order older = mock(Order.class);
        given(older.getId()).willReturn("order-1");
        given(older.getStatus()).willReturn(OrderStatus.PENDING);
        given(placement.latest(2)).willReturn(List.of(newer, older));

        mvc.perform(get("/orders").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].orderId").value("order-2"))
                .andExpect(jsonPath("$[0].status").value("CONFIRMED"))
                .andExpect(jsonPath("$[1].orderId").value("order-1"))
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void listsTwentyOrdersWithoutALimit() throws Exception {
        given(placement.latest(20)).willReturn(List.of());

        mvc.perform(get("/orders")).andExpect(status().isOk()).andExpect(content().json("[]"));
        then(placement).should().latest(20);
    }

    @Test
    void aLimitOutsideOneToAHundredOrNotANumberIs400ProblemDetails() throws Exception {
        for (String limit : List.of("0", "101", "-1", "many")) {
            mvc.perform(get("/orders").param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(400));
        }
        then(placement).should(never()).latest(org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void anUnknownOrderIs404ProblemDetails() throws Exception {
        given(placement.find("nope")).willThrow(OrderNotFoundException.class);

        mvc.perform(get("/orders/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Order not found"));
    }

    @Test
    void aReusedIdempotencyKeyIs422ProblemDetails() throws Exception {
        given(placement.place(any(), anyString())).willThrow(IdempotencyKeyReusedException.class);

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "key-1")
                        .content("""
                                {"customerId": "c-42", "items": [{"sku": "SKU-0002", "quantity": 1}]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"));
    }
}
