package org.epicenter.server;

/**
 * A way reports come in (after Zipkin's {@code CollectorComponent}): it takes reports in its own
 * format, refuses what it must (telling {@link Intake#refused}), and hands the rest to the shared
 * {@link Intake}, which counts every outcome under the transport's {@link #name}. HTTP is the one
 * transport today ({@code ReportEndpoint}, whose life is the HTTP server's); a Kafka consumer is the next.
 */
public interface ReportTransport extends AutoCloseable {
    /** The transport's name in metrics: http, kafka. */
    String name();

    /** Starts taking reports. */
    void start();

    /** Stops taking reports; those already handed to the intake are still stored. */
    @Override
    void close();
}
