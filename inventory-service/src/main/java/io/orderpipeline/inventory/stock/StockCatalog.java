package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and replaces catalog entries. Input is validated by the caller (the web layer). */
@Service
public class StockCatalog {

    private final StockItems items;

    StockCatalog(StockItems items) {
        this.items = items;
    }

    /**
     * @param sku the stock keeping unit
     * @return the entry, or empty when the SKU is not in the catalog
     */
    @Transactional(readOnly = true)
    public Optional<StockLevel> find(String sku) {
        return items.findById(sku).map(StockItem::toLevel);
    }

    /**
     * Creates the entry or replaces its available units and price; units already reserved are kept.
     * Takes the row lock, so a replacement never interleaves with a reservation of the same SKU.
     *
     * @param sku       the stock keeping unit, at most 32 characters
     * @param available units that can be reserved, at least 0
     * @param unitPrice the price of one unit, at least 0, at most 2 decimals (stored with scale 2)
     * @return the entry as stored
     */
    @Transactional
    public StockLevel put(String sku, long available, BigDecimal unitPrice) {
        BigDecimal price = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
        StockItem item = items.lock(sku).orElse(null);
        if (item == null) {
            item = items.save(new StockItem(sku, available, 0, price));
        }
        else {
            item.restock(available, price);
        }
        return item.toLevel();
    }
}
