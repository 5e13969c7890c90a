package io.orderpipeline.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Takes a {@link Snapshot} once a second and sends it to every open {@code /snapshots} stream. A round reads the
 * metrics and the orders at the same time and takes at most about twice {@link ConsoleProperties#timeout()}; a round
 * that takes longer than a second delays the next one (rounds never overlap: one scheduler thread).
 */
@Service
class SnapshotService {

    /** A stream is closed after 30 minutes; the browser's EventSource reconnects by itself. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final ServiceReader reader;
    private final FlowFigures figures;
    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private volatile Snapshot latest;

    @Autowired
    SnapshotService(ConsoleProperties properties, JsonMapper json) {
        this(new ServiceReader(properties, json), new FlowFigures(Clock.systemUTC()));
    }

    SnapshotService(ServiceReader reader, FlowFigures figures) {
        this.reader = reader;
        this.figures = figures;
    }

    @Scheduled(fixedRate = 1000)
    void refresh() {
        var scrapes = reader.startScrapes();
        var latestOrders = reader.latestOrders();
        Snapshot snapshot = figures.next(ServiceReader.scrapes(scrapes), latestOrders);
        latest = snapshot;
        for (SseEmitter stream : streams) {
            send(stream, snapshot);
        }
    }

    /** @return the last snapshot taken; empty before the first round finished */
    Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /** @return a new stream that gets the last snapshot now and every new one */
    SseEmitter stream() {
        SseEmitter stream = new SseEmitter(STREAM_TIMEOUT.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(failure -> streams.remove(stream));
        streams.add(stream);
        Snapshot now = latest;
        if (now != null) {
            send(stream, now);
        }
        return stream;
    }

    private void send(SseEmitter stream, Snapshot snapshot) {
        try {
            stream.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            streams.remove(stream);
            stream.completeWithError(gone);
        }
    }
}
