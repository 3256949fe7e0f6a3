package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Report;

/**
 * Raw reports and their per-minute aggregates (service x country x problem). Only counted reports
 * enter the aggregates; repeats are kept raw so nothing accepted is lost.
 */
public interface ReportStore {
    /**
     * Appends a batch atomically. When this returns, every report in it survives a crash of the
     * process ({@code kill -9}); when it throws, none of them was stored.
     */
    void append(List<Report> batch);

    /**
     * Where the reader of one partition of the report log stands (cluster mode): the next offset to
     * read, and when it last had read everything the partition held (null: not yet).
     */
    record Checkpoint(String partition, long next, Instant caughtUp) {}

    /**
     * Appends a batch read from one partition of the report log and moves the partition's checkpoint
     * from {@code from} to {@code to} in the same transaction, so a report is stored once however
     * often it is read. With {@code caughtUp}, also records that the reader had read the whole
     * partition at that time. A partition never read starts at 0.
     *
     * @throws StaleCheckpoint storing nothing, when the checkpoint is not at {@code from}: another
     *     reader moved it, and this one has lost the partition
     */
    void appendFromLog(List<Report> batch, String partition, long from, long to, Instant caughtUp);

    /** Every partition's checkpoint, by partition. */
    Map<String, Checkpoint> checkpoints();

    /** A reader tried to move a checkpoint that another reader had moved. */
    final class StaleCheckpoint extends IllegalStateException {
        public StaleCheckpoint(String partition, long from) {
            super("the checkpoint of " + partition + " is no longer at " + from + ": another reader owns it");
        }
    }

    /** Aggregates for one service with {@code fromMinute <= minute < toMinute}, ordered by minute. */
    List<MinuteCount> minuteCounts(String service, long fromMinute, long toMinute);

    /**
     * Every aggregate with {@code fromMinute <= minute < toMinute}, all services, in minute order,
     * streamed (a year of aggregates need not fit in memory).
     */
    void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink);

    /** Counted reports per service for {@code fromMinute <= minute < toMinute}; services with none are absent. */
    Map<String, Long> countsByService(long fromMinute, long toMinute);

    /** Counted reports received at or after {@code since}, oldest first (to rebuild dedup state). */
    List<Report> countedSince(Instant since);

    /** Every stored raw report, counted or not. */
    long rawCount();

    /** Deletes raw reports received before {@code before}; returns how many. */
    int deleteRawBefore(Instant before);

    /** Deletes aggregates of minutes before {@code minute}; returns how many rows. */
    int deleteMinuteCountsBefore(long minute);
}
