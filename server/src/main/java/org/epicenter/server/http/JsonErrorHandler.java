package org.epicenter.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before any route runs (a malformed request line: 400; a URI too long: 414;
 * headers too large: 431; an unknown HTTP version: 505) get the same JSON body and the same
 * security headers as every other answer, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        headers(fields);
        return ByteBuffer.wrap(ApiServer.errorBody(status, null, message(status, reason)));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        HttpFields.Mutable h = response.getHeaders();
        headers(h);
        byte[] body = ApiServer.errorBody(code, null, message(code, code >= 500 ? null : message));
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static void headers(HttpFields.Mutable h) {
        for (HttpField f : ApiServer.SECURITY_HEADERS) {
            h.put(f);
        }
        h.put(HttpHeader.CONTENT_TYPE, "application/json");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** Jetty's reason in plain words where it has one; never a stack trace or a class name. */
    private static String message(int status, String reason) {
        return switch (status) {
            case 414 -> "the request's address is too long";
            case 431 -> "the request's headers are too large";
            case 505 -> "HTTP version not supported: use HTTP/1.1";
            case 408 -> "the request did not arrive in time";
            default -> {
                String r = reason == null || reason.isBlank() || reason.contains("Exception")
                        ? HttpStatus.getMessage(status)
                        : reason;
                yield r.length() > 200 ? r.substring(0, 200) : r;
            }
        };
    }
}
