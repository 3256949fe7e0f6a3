package org.epicenter.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.epicenter.server.Event;
import org.epicenter.server.LiveDetection;

/**
 * {@code GET /api/v1/events}: a Server-Sent Events stream of changes ({@code incident.opened},
 * {@code incident.confirmed}, {@code incident.updated}, {@code incident.resolved},
 * {@code incident.dropped} with the incident as JSON; {@code service.status} with the service's new
 * state), and a comment every detection tick so idle proxies keep the stream open.
 *
 * <p>Each viewer has its own queue and its own (virtual) writer thread: the detection, probe and feed
 * threads that announce changes only queue them, so a viewer whose connection stops taking data
 * holds up no one. A viewer that falls {@value #MAX_PENDING} messages behind is disconnected; a
 * browser's EventSource reconnects by itself and the page reloads the current state.
 */
public final class IncidentEvents implements LiveDetection.Listener {
    /**
     * How many messages a viewer may have waiting before it counts as gone: far more than one tick
     * announces even when a cloud takes a hundred services down at once. Messages are shared
     * between viewers, so a stalled viewer costs its queue's links, about 100 KB at most.
     */
    static final int MAX_PENDING = 4096;

    private final CopyOnWriteArrayList<Viewer> viewers = new CopyOnWriteArrayList<>();

    /** One message: an event with its JSON, or a comment when {@code event} is null. */
    private record Message(String event, String text) {}

    private final class Viewer {
        private final SseClient client;
        private final BlockingQueue<Message> pending = new LinkedBlockingQueue<>(MAX_PENDING);

        Viewer(SseClient client) {
            this.client = client;
        }

        void offer(Message m) {
            if (!pending.offer(m)) {
                drop(); // too far behind: its connection has stalled
            }
        }

        void drop() {
            viewers.remove(this);
            client.close();
            pending.clear();
            pending.offer(new Message(null, null)); // wakes the writer, which then sees the client closed
        }

        void write() {
            try {
                while (!client.terminated()) {
                    Message m = pending.take();
                    if (m.text() == null) {
                        continue;
                    } else if (m.event() == null) {
                        client.sendComment(m.text());
                    } else {
                        client.sendEvent(m.event(), m.text());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Jetty cancels a write still blocked when the stream is closed (a dropped viewer)
            } finally {
                drop();
            }
        }
    }

    void connect(SseClient client) {
        client.ctx().header("Cache-Control", "no-store");
        client.keepAlive();
        var viewer = new Viewer(client);
        client.onClose(viewer::drop);
        viewers.add(viewer);
        viewer.offer(new Message(null, "connected"));
        Thread.ofVirtual().name("sse-viewer").start(viewer::write);
    }

    @Override
    public void changed(Event change) {
        String data;
        try {
            data = Json.MAPPER.writeValueAsString(change.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode incident", e);
        }
        publish(new Message(change.type(), data));
    }

    @Override
    public void ticked() {
        publish(new Message(null, "tick"));
    }

    private void publish(Message m) {
        for (Viewer v : viewers) {
            v.offer(m);
        }
    }

    /** How many streams are open. */
    int clients() {
        return viewers.size();
    }
}
