package org.epicenter.server.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.epicenter.ingest.ClientNetwork;
import org.epicenter.probes.Cidr;
import org.epicenter.server.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow and greedy clients from holding the server (slowloris): each request's whole header
 * must arrive within the header deadline and its whole body within the body deadline (a client
 * that sends a byte every few seconds resets no idle timer here), and one client address may hold
 * at most so many connections. Trusted proxies are exempt from the cap: they carry everyone.
 *
 * <p>A scan every {@value #SCAN_MILLIS} ms looks at each open connection's parser; a connection
 * between requests (waiting for the next one) is left to the idle timeout.
 */
final class SlowClientGuard implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);
    static final long SCAN_MILLIS = 250;

    /** When the connection's current request started arriving, and in which part it was. */
    private static final class Progress {
        long headerSince = -1;
        long bodySince = -1;
        String host;
        long bytesIn;
        long messagesIn;
    }

    private final ServerConnector connector;
    private final List<Cidr> trusted;
    private final int perClient;
    private final long headerNanos;
    private final long bodyNanos;
    private final Map<Connection, Progress> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scanner;

    SlowClientGuard(ServerConnector connector, HttpSettings http) {
        this.connector = connector;
        this.trusted = http.trustedProxies();
        this.perClient = http.connectionsPerClient();
        this.headerNanos = http.headerDeadline().toNanos();
        this.bodyNanos = http.bodyDeadline().toNanos();
        connector.addEventListener(this);
        this.scanner = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("epicenter-slow-clients").daemon().factory());
        scanner.scheduleWithFixedDelay(this::scan, SCAN_MILLIS, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        Progress p = new Progress();
        String address = address(connection.getEndPoint());
        if (address != null && !ClientAddress.any(trusted, address)) {
            p.host = ClientNetwork.host(address);
        }
        open.put(connection, p);
        if (p.host != null
                && perHost.computeIfAbsent(p.host, k -> new AtomicInteger()).incrementAndGet() > perClient) {
            connection.getEndPoint().close(); // onClosed gives the count back
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Progress p = open.remove(connection);
        if (p != null && p.host != null) {
            perHost.computeIfPresent(p.host, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private static String address(EndPoint endPoint) {
        SocketAddress a = endPoint.getRemoteSocketAddress();
        return a instanceof InetSocketAddress i && i.getAddress() != null
                ? i.getAddress().getHostAddress()
                : null;
    }

    private void scan() {
        try {
            long now = System.nanoTime();
            for (var e : open.entrySet()) {
                if (!(e.getKey() instanceof HttpConnection http)) {
                    continue;
                }
                Progress p = e.getValue();
                HttpParser parser = http.getParser();
                long bytes = http.getBytesIn();
                long messages = http.getMessagesIn();
                boolean newBytes = bytes > p.bytesIn;
                boolean newRequest = messages != p.messagesIn;
                if (newRequest) {
                    p.headerSince = -1; // a request's header arrived since the last look
                }
                p.bytesIn = bytes;
                p.messagesIn = messages;
                if (parser.isStart()) {
                    // Bytes that start no request (blank lines before the request line leave the parser at
                    // its start) count against the header deadline: else a byte every few seconds would
                    // hold the connection forever. Between requests, with nothing sent, the idle timeout rules.
                    p.bodySince = -1;
                    if (newBytes && !newRequest && p.headerSince < 0) {
                        p.headerSince = now;
                    } else if (p.headerSince >= 0 && now - p.headerSince > headerNanos) {
                        drop(http, "header");
                    }
                } else if (parser.inHeaderState()) {
                    if (p.headerSince < 0) {
                        p.headerSince = now;
                    } else if (now - p.headerSince > headerNanos) {
                        drop(http, "header");
                    }
                } else if (parser.inContentState()) {
                    if (p.bodySince < 0) {
                        p.bodySince = now;
                    } else if (now - p.bodySince > bodyNanos) {
                        drop(http, "body");
                    }
                } else {
                    p.headerSince = -1; // the request is in and being answered (a live stream stays here)
                    p.bodySince = -1;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("slow-client scan failed; will scan again", e);
        }
    }

    private void drop(HttpConnection http, String part) {
        LOG.debug("closing a connection whose request {} did not arrive in time", part);
        http.getEndPoint().close();
    }

    @Override
    public void close() {
        scanner.shutdownNow();
    }
}
