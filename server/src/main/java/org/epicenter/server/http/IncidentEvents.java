package org.epicenter.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.CopyOnWriteArrayList;
import org.epicenter.server.LiveDetection;

/**
 * {@code GET /api/v1/events}: a Server-Sent Events stream of changes ({@code incident.opened},
 * {@code incident.confirmed}, {@code incident.updated}, {@code incident.resolved},
 * {@code incident.dropped} with the incident as JSON; {@code service.status} with the service's new
 * state), and a comment every detection tick so idle proxies keep the stream open.
 */
public final class IncidentEvents implements LiveDetection.Listener {
    private final CopyOnWriteArrayList<SseClient> clients = new CopyOnWriteArrayList<>();

    void connect(SseClient client) {
        client.ctx().header("Cache-Control", "no-store");
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    @Override
    public void changed(LiveDetection.Change change) {
        String data;
        try {
            data = Json.MAPPER.writeValueAsString(change.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode incident", e);
        }
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(change.type(), data);
            }
        }
    }

    @Override
    public void ticked() {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendComment("tick");
            }
        }
    }
}
