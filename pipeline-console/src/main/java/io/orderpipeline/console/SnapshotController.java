package io.orderpipeline.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The figures of the live page: {@code GET /snapshot}, the last {@link Snapshot} as JSON (503 problem details in the
 * first second, before one was taken), and {@code GET /snapshots}, {@code text/event-stream} with one event
 * {@code snapshot} a second (the last one at once), what the page's EventSource reads.
 */
@RestController
class SnapshotController {

    private final SnapshotService snapshots;

    SnapshotController(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping(path = "/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
    Snapshot snapshot() {
        return snapshots.latest().orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "No snapshot taken yet; the first comes within a second of start"));
    }

    @GetMapping(path = "/snapshots", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter snapshots() {
        return snapshots.stream();
    }
}
