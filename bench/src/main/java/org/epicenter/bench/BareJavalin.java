package org.epicenter.bench;

import io.javalin.Javalin;

/**
 * The baseline for the report-intake benchmark: Javalin with the same settings as Epicenter's
 * server (virtual threads), answering a POST by reading the body and returning 201 with a small
 * JSON. Whatever Epicenter does beyond this (parse, validate, hash, dedup, durable group commit)
 * is what the benchmark measures.
 */
public final class BareJavalin {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18091;
        Javalin.create(config -> {
                    config.concurrency.useVirtualThreads = true;
                    config.startup.showJavalinBanner = false;
                    config.routes.post("/api/v1/reports", ctx -> {
                        byte[] body = ctx.bodyAsBytes();
                        ctx.status(201)
                                .contentType("application/json")
                                .result("{\"counted\":true,\"bytes\":" + body.length + "}");
                    });
                })
                .start("127.0.0.1", port);
    }
}
