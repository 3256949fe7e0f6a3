/**
 * Cluster mode: the report log on Kafka ({@link org.epicenter.server.cluster.ReportLog}, which
 * ingest nodes publish to) and its reader ({@link org.epicenter.server.cluster.ReportLogReader},
 * a consumer group of detection nodes that stores each report once in the shared PostgreSQL store),
 * and the detection horizon that keeps live detection equal to a replay.
 */
package org.epicenter.server.cluster;
