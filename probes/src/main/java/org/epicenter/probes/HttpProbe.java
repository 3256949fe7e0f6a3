package org.epicenter.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.epicenter.probe.ProbeOutcome;

/**
 * An HTTP(S) probe with HTTP/1.1 written by hand, because the connection must go to the address the
 * {@link AddressGuard} checked: Java's HttpClient resolves names itself, which a DNS rebinding
 * attacker could answer differently the second time. HTTPS keeps full certificate and hostname
 * verification (SNI and the endpoint check use the name, the socket uses the checked address).
 *
 * <p>Every redirect is a new request, checked again, up to {@link Request#maxRedirects}. Bodies are
 * read up to {@link Request#maxBody} bytes; the whole exchange has one deadline.
 */
public final class HttpProbe {
    /**
     * What to ask.
     *
     * @param maxRedirects redirects followed (each one checked by the guard); 0 = none
     * @param maxBody      bytes of body kept; the rest is not read
     */
    public record Request(
            URI uri, String method, Map<String, String> headers, Duration timeout, int maxRedirects, int maxBody) {
        public Request {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("a probe URL must be http or https, got \"" + uri + "\"");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("a probe URL needs a host, got \"" + uri + "\"");
            }
            if (!method.matches("GET|HEAD|POST|PUT|OPTIONS")) {
                throw new IllegalArgumentException(
                        "method must be GET, HEAD, POST, PUT or OPTIONS, got \"" + method + "\"");
            }
            if (maxRedirects < 0 || maxRedirects > 10) {
                throw new IllegalArgumentException("redirects must be 0-10, got " + maxRedirects);
            }
            headers = Map.copyOf(headers);
        }

        public static Request get(URI uri) {
            return new Request(uri, "GET", Map.of(), Duration.ofSeconds(10), 5, 64 * 1024);
        }
    }

    /** The outcome and, when the probe could not complete, why (null when it did). */
    public record Result(ProbeOutcome outcome, URI finalUri, String error) {}

    private final AddressGuard guard;
    private final Clock clock;
    private final SSLContext tls;

    /** Trusts what the JDK trusts. */
    public HttpProbe(AddressGuard guard, Clock clock) {
        this(guard, clock, Tls.jdkDefault());
    }

    /** Trusts what {@code tls} trusts (an operator's internal CA; tests). */
    public HttpProbe(AddressGuard guard, Clock clock, SSLContext tls) {
        this.guard = guard;
        this.clock = clock;
        this.tls = tls;
    }

    public Result run(Request request) {
        long start = clock.millis();
        try {
            Fetched f = fetch(request);
            var outcome = new ProbeOutcome(
                    true,
                    f.status(),
                    Duration.ofMillis(clock.millis() - start),
                    new String(f.body(), StandardCharsets.UTF_8),
                    f.certExpiry(),
                    null);
            return new Result(outcome, f.finalUri(), null);
        } catch (FetchException e) {
            return failed(e.uri(), e.getMessage());
        }
    }

    /**
     * A complete answer, after redirects: status, headers (names in lower case), the body's first
     * {@link Request#maxBody} bytes, and whether more was there.
     */
    public record Fetched(
            URI finalUri,
            int status,
            Map<String, String> headers,
            byte[] body,
            boolean truncated,
            Duration certExpiry) {}

    /** Why no complete answer came, with the URL that was being asked. */
    public static final class FetchException extends Exception {
        private final transient URI uri;
        private final boolean refused;

        FetchException(URI uri, String message) {
            this(uri, message, false);
        }

        FetchException(URI uri, String message, boolean refused) {
            super(message);
            this.uri = uri;
            this.refused = refused;
        }

        /** The address guard refused every address of the host: a retry would be refused too. */
        public boolean refused() {
            return refused;
        }

        public URI uri() {
            return uri;
        }
    }

    /** Fetches {@code request}, following redirects (each checked by the guard) within one deadline. */
    public Fetched fetch(Request request) throws FetchException {
        return send(request, null, null);
    }

    /**
     * Sends {@code body} (webhooks, chat channels) to the checked address within the request's
     * deadline. Redirects are not followed: a 3xx is the answer.
     */
    public Fetched post(Request request, byte[] body, String contentType) throws FetchException {
        return send(
                new Request(request.uri(), "POST", request.headers(), request.timeout(), 0, request.maxBody()),
                body,
                contentType);
    }

    private Fetched send(Request request, byte[] body, String contentType) throws FetchException {
        long deadline = clock.millis() + request.timeout().toMillis();
        URI uri = request.uri();
        for (int hop = 0; ; hop++) {
            Response r;
            try {
                r = exchange(uri, request, deadline, body, contentType);
            } catch (AddressGuard.Refused e) {
                throw new FetchException(uri, "not allowed: " + e.getMessage(), true);
            } catch (UnknownHostException e) {
                throw new FetchException(uri, "cannot resolve or not allowed: " + e.getMessage());
            } catch (SocketTimeoutException e) {
                throw new FetchException(
                        uri, "no complete answer within " + request.timeout().toMillis() + " ms");
            } catch (javax.net.ssl.SSLException e) {
                throw new FetchException(uri, "TLS: " + Tls.why(e));
            } catch (IOException e) {
                throw new FetchException(uri, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            String location = r.headers().get("location");
            if (body == null && r.status() >= 300 && r.status() < 400 && r.status() != 304 && location != null) {
                if (hop >= request.maxRedirects()) {
                    throw new FetchException(
                            uri, "more than " + request.maxRedirects() + " redirects (next: " + location + ")");
                }
                try {
                    uri = uri.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new FetchException(uri, "redirect to an invalid location \"" + location + "\"");
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new FetchException(uri, "redirect to a non-HTTP location \"" + location + "\"");
                }
                continue;
            }
            return new Fetched(uri, r.status(), Map.copyOf(r.headers()), r.body(), r.truncated(), r.certExpiry());
        }
    }

    private static Result failed(URI uri, String why) {
        return new Result(new ProbeOutcome(false, null, null, null, null, null), uri, why);
    }

    private record Response(
            int status, Map<String, String> headers, byte[] body, boolean truncated, Duration certExpiry) {}

    private Response exchange(URI uri, Request request, long deadline, byte[] body, String contentType)
            throws IOException {
        String host = uri.getHost();
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        List<InetAddress> allowed = guard.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(allowed.get(0), port), remaining(deadline));
            plain.setSoTimeout(remaining(deadline));
            Socket socket = plain;
            Duration certExpiry = null;
            if (tls) {
                Tls.Session session = Tls.handshake(this.tls, plain, host, port);
                certExpiry = session.expiresIn(clock.millis());
                socket = session.socket();
            }
            write(socket.getOutputStream(), uri, request, host, port, tls, body, contentType);
            return read(
                    new java.io.BufferedInputStream(socket.getInputStream()), request, deadline, certExpiry, socket);
        } finally {
            plain.close();
        }
    }

    private static void write(
            OutputStream out,
            URI uri,
            Request request,
            String host,
            int port,
            boolean tls,
            byte[] body,
            String contentType)
            throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        var head = new StringBuilder();
        head.append(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean defaultPort = port == (tls ? 443 : 80);
        head.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        if (request.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
            head.append("User-Agent: epicenter-probe\r\n");
        }
        head.append("Accept: */*\r\nConnection: close\r\n");
        for (var h : request.headers().entrySet()) {
            if (h.getKey().matches("[A-Za-z0-9-]+")
                    && !h.getValue().contains("\r")
                    && !h.getValue().contains("\n")) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        if (body != null) {
            head.append("Content-Type: ")
                    .append(contentType == null ? "application/octet-stream" : contentType)
                    .append("\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private Response read(InputStream in, Request request, long deadline, Duration certExpiry, Socket socket)
            throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: \"" + abbreviate(statusLine) + "\"");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line \"" + abbreviate(statusLine) + "\"");
        }
        var headers = new LinkedHashMap<String, String>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0 && headers.size() < 100) {
                headers.put(
                        h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        h.substring(colon + 1).strip());
            }
            socket.setSoTimeout(remaining(deadline));
        }
        byte[] body = new byte[0];
        boolean truncated = false;
        if (!request.method().equals("HEAD") && status >= 200 && status != 204 && status != 304) {
            var buffer = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                truncated = !chunked(in, buffer, request.maxBody(), socket, deadline);
            } else {
                long length = headers.containsKey("content-length")
                        ? parseLength(headers.get("content-length"))
                        : Long.MAX_VALUE;
                copy(in, buffer, Math.min(length, request.maxBody()), socket, deadline);
                truncated = length > request.maxBody()
                        && (length != Long.MAX_VALUE || buffer.size() >= request.maxBody() && in.read() >= 0);
            }
            body = buffer.toByteArray();
        }
        return new Response(status, headers, body, truncated, certExpiry);
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length \"" + abbreviate(value) + "\"");
        }
    }

    /** Reads chunks up to {@code cap} bytes; true when the last chunk came within it. */
    private boolean chunked(InputStream in, ByteArrayOutputStream out, int cap, Socket socket, long deadline)
            throws IOException {
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size \"" + abbreviate(size) + "\"");
            }
            if (n == 0) {
                return true;
            }
            if (n > cap - out.size()) {
                copy(in, out, cap - out.size(), socket, deadline);
                return false;
            }
            copy(in, out, n, socket, deadline);
            line(in); // the CRLF after the chunk
        }
    }

    private void copy(InputStream in, ByteArrayOutputStream out, long limit, Socket socket, long deadline)
            throws IOException {
        byte[] buf = new byte[8192];
        long left = limit;
        while (left > 0) {
            socket.setSoTimeout(remaining(deadline));
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    /** One CRLF-terminated line of at most 8 KB. */
    private static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (b.size() == 0) {
                    throw new IOException("the connection closed before an answer");
                }
                break;
            }
            if (b.size() > 8192) {
                throw new IOException("a header line longer than 8 KB");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private int remaining(long deadline) throws SocketTimeoutException {
        long left = deadline - clock.millis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
