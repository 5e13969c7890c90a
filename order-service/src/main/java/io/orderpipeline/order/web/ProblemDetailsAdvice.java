package io.orderpipeline.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.orderpipeline.order.order.IdempotencyKeyReusedException;
import io.orderpipeline.order.order.OrderNotFoundException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
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

    private static final int MAX_DETAIL = 300;

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Order not found", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
        problem.setType(URI.create("https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/"));
        return problem;
    }

    /** The database is unreachable: nothing was stored; the client may retry (with its Idempotency-Key). */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                        "The order store is unavailable; nothing was stored. Retry later."));
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
