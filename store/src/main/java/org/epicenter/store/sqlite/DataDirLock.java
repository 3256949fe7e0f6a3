package org.epicenter.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One owner per data directory: {@code epicenter.lock}, held with an OS file lock for as long as
 * the store is open. Two servers on one directory would each keep their own dedup (a reporter
 * counted twice) and each dispatch the same alert outbox, so the second refuses to start and says
 * who holds the directory. The OS drops the lock when its process dies, even by kill -9, so a
 * crash never leaves a stale lock behind.
 */
public final class DataDirLock implements AutoCloseable {
    static final String NAME = "epicenter.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (another store opened on it)
        } catch (IOException e) {
            close(channel);
            throw new IllegalStateException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new DataDirInUse("data directory " + dataDir.toAbsolutePath() + " is in use by another Epicenter"
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; stop it first, or give this one another --data");
        }
        try {
            byte[] who = ("process " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(who), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock is what matters; the note of who holds it is a courtesy
        }
        return new DataDirLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    /** The directory is held by another process (or another store in this one). */
    public static final class DataDirInUse extends IllegalStateException {
        DataDirInUse(String message) {
            super(message);
        }
    }
}
