-- The W3C trace context (https://www.w3.org/TR/trace-context/) of the span that appended the row, so the relay's
-- publish continues that trace. NULL when tracing is off. traceparent is 55 characters in version 00; tracestate
-- is at most 32 list members (512 characters is what implementations are asked to propagate at least).
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(64) NULL;
ALTER TABLE outbox ADD COLUMN trace_state VARCHAR(512) NULL;
