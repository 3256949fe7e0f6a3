package org.epicenter.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.epicenter.store.postgres.TestPostgres;

/**
 * For {@code bench/cluster-wrk.sh}: starts the same Kafka broker and PostgreSQL server as
 * {@link ClusterIT}, writes {@code kafka=host:port} and {@code postgres=jdbc-url} to the file named
 * by the first argument, and runs until killed.
 */
public final class ClusterBenchEnv {
    private ClusterBenchEnv() {}

    public static void main(String[] args) throws Exception {
        var kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "6")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        String pg = TestPostgres.url();
        Path out = Path.of(args[0]);
        Files.writeString(
                out.resolveSibling(out.getFileName() + ".tmp"),
                "kafka=" + kafka.bootstrapServers() + "\npostgres=" + pg + "\n");
        Files.move(out.resolveSibling(out.getFileName() + ".tmp"), out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception ignored) {
                // ending
            }
        }));
        Thread.currentThread().join();
    }
}
