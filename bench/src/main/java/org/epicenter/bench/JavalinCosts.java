package org.epicenter.bench;

import io.javalin.Javalin;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What an answer written later costs on Javalin, apart from any work of ours: the same POST as
 * {@link BareJavalin}, answered in one of three ways.
 * <ul>
 *   <li>{@code sync}: in the handler, as {@link BareJavalin} does;</li>
 *   <li>{@code async}: through Javalin's {@code ctx.future}, completed by another thread that takes
 *       the pending requests in batches (as Epicenter's group committer does);</li>
 *   <li>{@code core}: the same batches, but the POST is served by a Jetty core handler in front of
 *       Javalin's servlet context (as Epicenter's {@code ReportEndpoint} is).</li>
 * </ul>
 * Run by {@code bench/javalin-costs.sh}; usage: {@code JavalinCosts PORT sync|async|core}.
 */
public final class JavalinCosts {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String mode = args[1];
        var pending = new LinkedBlockingQueue<CompletableFuture<Void>>();
        Thread.ofPlatform().daemon().name("completer").start(() -> {
            var batch = new ArrayList<CompletableFuture<Void>>();
            while (true) {
                try {
                    batch.add(pending.take());
                } catch (InterruptedException e) {
                    return;
                }
                pending.drainTo(batch);
                batch.forEach(f -> f.complete(null));
                batch.clear();
            }
        });
        Javalin.create(config -> {
                    config.concurrency.useVirtualThreads = true;
                    config.startup.showJavalinBanner = false;
                    if (mode.equals("core")) {
                        config.jetty.modifyServer(server -> server.setHandler(new CoreAnswer(pending)));
                    }
                    config.routes.post("/api/v1/reports", ctx -> {
                        byte[] answer = answer(ctx.bodyAsBytes().length);
                        if (mode.equals("async")) {
                            var done = new CompletableFuture<Void>();
                            pending.add(done);
                            ctx.future(() -> done.thenRun(() -> ctx.status(201)
                                    .contentType("application/json")
                                    .result(answer)));
                        } else {
                            ctx.status(201).contentType("application/json").result(answer);
                        }
                    });
                })
                .start("127.0.0.1", port);
    }

    private static byte[] answer(int bodyLength) {
        return ("{\"counted\":true,\"bytes\":" + bodyLength + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final class CoreAnswer extends Handler.Wrapper {
        private final LinkedBlockingQueue<CompletableFuture<Void>> pending;

        CoreAnswer(LinkedBlockingQueue<CompletableFuture<Void>> pending) {
            this.pending = pending;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"POST".equals(request.getMethod()) || !"/api/v1/reports".equals(Request.getPathInContext(request))) {
                return super.handle(request, response, callback);
            }
            byte[] body;
            try (var in = org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
                body = in.readAllBytes();
            }
            byte[] answer = answer(body.length);
            var done = new CompletableFuture<Void>();
            pending.add(done);
            done.thenRun(() -> {
                response.setStatus(201);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(answer), callback);
            });
            return true;
        }
    }
}
