package org.epicenter.server.http;

import io.javalin.http.Context;
import java.util.stream.Collectors;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.CatalogException;
import org.epicenter.server.admin.AdminToken;
import org.epicenter.server.admin.CatalogAdmin;

/** Catalog changes through the API: bearer token required, same validation as catalog files. */
final class AdminRoutes {
    private final CatalogAdmin catalog;
    private final AdminToken token;
    private final int maxBody;

    AdminRoutes(CatalogAdmin catalog, AdminToken token, int maxBody) {
        this.catalog = catalog;
        this.token = token;
        this.maxBody = maxBody;
    }

    /** Before every admin route. */
    void authorize(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String presented = bearer(ctx);
        if (!token.matches(presented)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"epicenter-admin\"");
            throw new ApiError(
                    401,
                    "unauthorized",
                    null,
                    presented == null
                            ? "admin token required: send Authorization: Bearer <token>"
                            : "admin token not accepted");
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    static String bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).strip()
                : null;
    }

    /** PUT /api/v1/admin/catalog/{id}: create or replace one entry. */
    void put(Context ctx) {
        String id = ctx.pathParam("id");
        CatalogEntry entry;
        try {
            entry = CatalogCodec.readEntryJson(BoundedBody.read(ctx, Math.max(maxBody, 16_384)));
        } catch (CatalogException e) {
            throw new ApiError(
                    400, "invalid_field", e.field(), e.reason() + (e.line() > 0 ? " (line " + e.line() + ")" : ""));
        }
        if (!entry.id().equals(id)) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "id",
                    "body id \"" + entry.id() + "\" does not match the path id \"" + id + "\"");
        }
        boolean existed = catalog.current().contains(id);
        try {
            catalog.apply(new CatalogChange.Put(entry));
        } catch (CatalogException e) {
            throw new ApiError(400, "invalid_field", e.field(), e.reason());
        }
        Json.send(ctx, existed ? 200 : 201, entry);
    }

    /** DELETE /api/v1/admin/catalog/{id}: refused while other entries depend on it. */
    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (!catalog.current().contains(id)) {
            throw new ApiError(404, "unknown_service", "id", "unknown catalog entry \"" + id + "\"");
        }
        var dependents = catalog.current().directDependents(id);
        if (!dependents.isEmpty()) {
            throw new ApiError(
                    409,
                    "has_dependents",
                    "id",
                    "\"" + id + "\" cannot be removed while these depend on it: "
                            + dependents.stream().map(CatalogEntry::id).collect(Collectors.joining(", ")));
        }
        catalog.apply(new CatalogChange.Remove(id));
        ctx.status(204);
    }
}
