package org.epicenter.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, whatever Content-Length claimed (chunked bodies have none). */
final class BoundedBody {
    private BoundedBody() {}

    static byte[] read(Context ctx, int limit) {
        try (InputStream in = ctx.bodyInputStream()) {
            return read(in, ctx.contentLength(), limit);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The answer to a body that could not be read (the client went away mid-body, say). */
    static ApiError unreadable(IOException e) {
        return new ApiError(400, "malformed_json", null, "could not read the body: " + e.getMessage());
    }

    /** {@code declared} is the Content-Length, or negative when the body is chunked. */
    static byte[] read(InputStream in, long declared, int limit) throws IOException {
        // Read one byte past what may be accepted, to notice a body longer than declared or allowed.
        int want = declared >= 0 && declared <= limit ? (int) declared + 1 : limit + 1;
        byte[] body = in.readNBytes(want);
        if (body.length > limit || (declared >= 0 && body.length > declared)) {
            throw new ApiError(413, "too_large", null, "body exceeds the limit of " + limit + " bytes");
        }
        return body;
    }
}
