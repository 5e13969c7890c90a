package io.orderpipeline.inventory.web;

import java.math.BigDecimal;
import java.util.Optional;

import io.orderpipeline.inventory.stock.StockCatalog;
import io.orderpipeline.inventory.stock.StockLevel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(StockController.class)
class StockControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    StockCatalog catalog;

    @Test
    void getReturnsTheEntryWithThePriceAsATwoDecimalString() throws Exception {
        given(catalog.find("SKU-0001")).willReturn(Optional.of(new StockLevel("SKU-0001", 990, 10, new BigDecimal("12.5"))));

        mvc.perform(get("/stock/SKU-0001"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"sku":"SKU-0001","available":990,"reserved":10,"unitPrice":"12.50"}""", true));
    }

    @Test
    void getOfAnUnknownSkuIsNotFoundAsProblemDetail() throws Exception {
        given(catalog.find("NOPE")).willReturn(Optional.empty());

        mvc.perform(get("/stock/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(containsString("NOPE")));
    }

    @Test
    void anUnknownPathIsNotFoundAsProblemDetail() throws Exception {
        mvc.perform(get("/nothing/here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void putCreatesOrReplacesAndAnswersWithTheEntry() throws Exception {
        given(catalog.put("NEW-1", 100, new BigDecimal("12.50")))
                .willReturn(new StockLevel("NEW-1", 100, 4, new BigDecimal("12.50")));

        mvc.perform(put("/stock/NEW-1").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"available": 100, "unitPrice": "12.50"}"""))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"sku":"NEW-1","available":100,"reserved":4,"unitPrice":"12.50"}""", true));
    }

    @Test
    void putAcceptsThePriceAsAJsonNumber() throws Exception {
        given(catalog.put("NEW-2", 0, new BigDecimal("7"))).willReturn(new StockLevel("NEW-2", 0, 0, new BigDecimal("7.00")));

        mvc.perform(put("/stock/NEW-2").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"available": 0, "unitPrice": 7}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unitPrice").value("7.00"));
    }

    @Test
    void putRejectsOutOfRangeValuesNamingTheFields() throws Exception {
        assertBadRequest("NEW-1", """
                {"available": 1000000001, "unitPrice": "12.50"}""", "available");
        assertBadRequest("NEW-1", """
                {"available": -1, "unitPrice": "12.50"}""", "available");
        assertBadRequest("NEW-1", """
                {"available": 1, "unitPrice": "12.505"}""", "unitPrice");
        assertBadRequest("NEW-1", """
                {"available": 1, "unitPrice": "-0.01"}""", "unitPrice");
        assertBadRequest("NEW-1", """
                {"available": 1, "unitPrice": "1000000.01"}""", "unitPrice");
        assertBadRequest("NEW-1", """
                {"unitPrice": "1.00"}""", "available");
        assertBadRequest("NEW-1", """
                {"available": 1}""", "unitPrice");
        then(catalog).should(never()).put(anyString(), anyLong(), any());
    }

    @Test
    void putRejectsAValueOfTheWrongTypeNamingTheField() throws Exception {
        assertBadRequest("NEW-1", """
                {"available": "many", "unitPrice": "1.00"}""", "available");
        assertBadRequest("NEW-1", """
                {"available": 1, "unitPrice": "cheap"}""", "unitPrice");
    }

    @Test
    void putRejectsAnInvalidSkuNamingIt() throws Exception {
        assertBadRequest("bad_sku!", """
                {"available": 1, "unitPrice": "1.00"}""", "sku");
        assertBadRequest("A".repeat(33), """
                {"available": 1, "unitPrice": "1.00"}""", "sku");
        then(catalog).should(never()).put(anyString(), anyLong(), any());
    }

    @Test
    void putWithoutJsonIsUnsupportedMediaTypeAsProblemDetail() throws Exception {
        mvc.perform(put("/stock/NEW-1").contentType(MediaType.TEXT_PLAIN).content("100"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private void assertBadRequest(String sku, String body, String field) throws Exception {
        mvc.perform(put("/stock/" + sku).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString(field + ":")));
    }
}
