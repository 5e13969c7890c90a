package io.orderpipeline.order.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: stores the order PENDING and records {@code OrderPlaced} in one transaction.
 *
 * <p>With an {@code Idempotency-Key}, the key is inserted first in that same transaction, so the
 * table's primary key decides between concurrent requests with the same key: one creates the order,
 * the others wait on the key's lock, fail on the duplicate, and answer with the order the winner
 * created. A key sent again with a different request is refused.
 */
@Service
public class OrderPlacement {

    /** The most orders {@link #latest(int)} returns at once. */
    public static final int MAX_LATEST = 100;

    private final Orders orders;
    private final OrderEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    OrderPlacement(Orders orders, OrderEvents events, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The outcome of a placement.
     *
     * @param order    the order created, or the one the idempotency key created before
     * @param replayed whether the key had been used before with the same request
     */
    public record Placement(Order order, boolean replayed) {
    }

    /**
     * Places an order.
     *
     * @param request        a validated request
     * @param idempotencyKey the client's key, 1 to 255 visible ASCII characters, or null
     * @return the new order, or the order the same key created before
     * @throws IdempotencyKeyReusedException if the key was used before with a different request
     * @throws org.springframework.dao.DataAccessException if the database is unreachable (nothing is stored)
     */
    public Placement place(NewOrder request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Placement(tx.execute(status -> create(request)), false);
        }
        String hash = sha256(request.canonical());
        Optional<Placement> earlier = replay(idempotencyKey, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return new Placement(tx.execute(status -> {
                String orderId = UUID.randomUUID().toString();
                jdbc.update("INSERT INTO idempotency_key (idempotency_key, request_hash, order_id, created_at) "
                        + "VALUES (?, ?, ?, ?)", idempotencyKey, hash, orderId, Timestamp.from(clock.instant()));
                return create(orderId, request);
            }), false);
        }
        catch (DuplicateKeyException concurrentRequestWon) {
            return replay(idempotencyKey, hash).orElseThrow(() -> concurrentRequestWon);
        }
    }

    /**
     * @param orderId the order id
     * @return the order
     * @throws OrderNotFoundException if there is none
     */
    public Order find(String orderId) {
        return orders.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * @param limit how many orders at most, 1 to {@value #MAX_LATEST} (the caller validates)
     * @return the newest orders first, by {@code createdAt} (index {@code orders_created_at}); orders with the same
     *         {@code createdAt} by id, descending, which says nothing about their age (on the MySQL-compatible server
     *         of the stack {@code createdAt} is stored in whole seconds)
     * @throws IllegalArgumentException for a limit outside 1 to {@value #MAX_LATEST}
     */
    public List<Order> latest(int limit) {
        if (limit < 1 || limit > MAX_LATEST) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LATEST + ", was " + limit);
        }
        return orders.findByOrderByCreatedAtDescIdDesc(Limit.of(limit));
    }

    private Optional<Placement> replay(String key, String hash) {
        List<String[]> rows = jdbc.query("SELECT request_hash, order_id FROM idempotency_key WHERE idempotency_key = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, key);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String[] row = rows.get(0);
        if (!row[0].equals(hash)) {
            throw new IdempotencyKeyReusedException(key, row[1]);
        }
        return Optional.of(new Placement(find(row[1]), true));
    }

    private Order create(NewOrder request) {
        return create(UUID.randomUUID().toString(), request);
    }

    private Order create(String orderId, NewOrder request) {
        List<OrderLineItem> lines = request.items().stream()
                .map(item -> new OrderLineItem(item.sku(), item.quantity()))
                .toList();
        Order order = orders.save(new Order(orderId, request.customerId(), lines, clock.instant()));
        events.placed(order);
        return order;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
