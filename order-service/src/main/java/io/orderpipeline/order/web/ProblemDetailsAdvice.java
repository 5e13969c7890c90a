package io.orderpipeline.order.web;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import io.orderpipeline.order.lifecycle.IdempotencyKeyReusedException;
import io.orderpipeline.order.lifecycle.OrderNotFoundException;
import io.orderpipeline.order.lifecycle.OrderStateConflictException;
import io.orderpipeline.order.lifecycle.PaymentAmountMismatchException;
import io.orderpipeline.order.reconciliation.ReconciliationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import tools.jackson.core.JacksonException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the orders API as RFC 9457 problem details ({@code application/problem+json}), with a
 * {@code detail} that names the problem and, for invalid fields, an {@code errors} list of
 * {@code {"field", "message"}}. Nothing is stored when a request is refused.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final int MAX_DETAIL = 300;

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Order not found", e.getMessage());
    }

    @ExceptionHandler(ReconciliationException.class)
    ProblemDetail reconciliationFailed(ReconciliationException e) {
        return problem(HttpStatus.BAD_GATEWAY, "A service's report could not be read", e.getMessage());
    }

    @ExceptionHandler(OrderStateConflictException.class)
    ProblemDetail conflict(OrderStateConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Order state conflict", e.getMessage());
        problem.setProperty("orderStatus", e.getStatus().name());
        return problem;
    }

    @ExceptionHandler(PaymentAmountMismatchException.class)
    ProblemDetail amountMismatch(PaymentAmountMismatchException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Payment amount mismatch", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
        problem.setType(URI.create("https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/"));
        return problem;
    }

    /** The database is unreachable: nothing was stored; the client may retry (with its Idempotency-Key). */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class, RecoverableDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                        "The order store is unavailable; nothing was stored. Retry later."));
    }

    /**
     * A failure the persistence layer could not classify, such as Hibernate's "Unable to rollback against
     * JDBC Connection" when the database died mid-transaction: 503 when a lost connection caused it (SQL
     * state class 08, "connection exception", in the SQL standard), else 500, both as problem details.
     */
    @ExceptionHandler({UncategorizedDataAccessException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> uncategorized(RuntimeException e) {
        if (connectionLost(e)) {
            return unavailable(e);
        }
        log.error("Order request failed", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed."));
    }

    private static boolean connectionLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    // A rollback the driver could not carry out: the pool had already closed the broken connection
                    // (HikariCP's "Connection is closed" has no SQL state), so the database was unreachable.
                    || cause instanceof org.hibernate.TransactionException && cause.getCause() instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid order",
                truncate(ex.getBindingResult().getFieldErrors().stream()
                        .map(ProblemDetailsAdvice::describe)
                        .sorted()
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("The request is invalid")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** An invalid request header (the controller's parameters are validated as method constraints). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalidParameter(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(violation -> parameterName(lastNode(violation.getPropertyPath())) + ": " + violation.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid");
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", truncate(detail));
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", tooLarge.getMessage()));
            }
        }
        String reason = ex.getCause() instanceof JacksonException jackson
                ? jackson.getOriginalMessage()
                : "The request body is missing or is not valid JSON";
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "Malformed request body", truncate("Malformed JSON: " + reason)));
    }

    private static String describe(FieldError error) {
        return error.getField() + ": " + error.getDefaultMessage();
    }

    private static String parameterName(String name) {
        return "idempotencyKey".equals(name) ? OrderController.IDEMPOTENCY_KEY : name;
    }

    private static String truncate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_DETAIL ? printable : printable.substring(0, MAX_DETAIL) + "…";
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
