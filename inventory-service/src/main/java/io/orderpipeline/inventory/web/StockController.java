package io.orderpipeline.inventory.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.orderpipeline.inventory.stock.StockCatalog;
import io.orderpipeline.inventory.stock.StockLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The catalog over HTTP: {@code GET /stock/{sku}} and {@code PUT /stock/{sku}}. Money travels as a JSON
 * string with two decimals ({@code "12.50"}), so no client parses it as a binary float. Errors are
 * RFC 9457 problem details: 404 for an unknown SKU, 400 naming the invalid field.
 */
@RestController
@RequestMapping("/stock")
class StockController {

    static final String SKU_PATTERN = "[A-Za-z0-9-]{1,32}";

    private final StockCatalog catalog;

    StockController(StockCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "One SKU's stock", description = "Available and reserved units and the unit price")
    @ApiResponse(responseCode = "200", description = "The stock entry")
    @ApiResponse(responseCode = "400", description = "The SKU is not 1 to 32 letters, digits or '-'")
    @ApiResponse(responseCode = "404", description = "No stock entry for this SKU")
    @GetMapping("/{sku}")
    StockView get(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku) {
        return catalog.find(sku).map(StockView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stock item with sku " + sku));
    }

    /** Creates the entry or replaces its available units and price; reserved units are kept. 200 with the entry. */
    @Operation(summary = "Create or replace a SKU's stock", description = "Sets the available units and the unit "
            + "price; units already reserved are kept")
    @ApiResponse(responseCode = "200", description = "The stock entry as stored")
    @ApiResponse(responseCode = "400", description = "Malformed JSON, an invalid field or an invalid SKU")
    @ApiResponse(responseCode = "415", description = "Content-Type other than application/json")
    @PutMapping("/{sku}")
    StockView put(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku, @Valid @RequestBody StockUpdate update) {
        return StockView.of(catalog.put(sku, update.available(), update.unitPrice()));
    }

    /**
     * @param available units that can be reserved, 0 to 1,000,000,000
     * @param unitPrice price of one unit, 0 to 1,000,000, at most 2 decimals; a JSON string ("12.50") or number
     */
    record StockUpdate(
            @NotNull @Min(0) @Max(1_000_000_000) Long available,
            @NotNull @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal unitPrice) {
    }

    /**
     * @param unitPrice currency scale 2, as a string: {@code "12.50"}
     */
    record StockView(String sku, long available, long reserved, String unitPrice) {

        static StockView of(StockLevel level) {
            return new StockView(level.sku(), level.available(), level.reserved(),
                    level.unitPrice().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
        }
    }
}
