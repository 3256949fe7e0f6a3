package org.epicenter.bench;

import java.nio.file.Path;
import org.epicenter.store.sqlite.SqliteStorage;

/** Prints how many raw reports a data directory holds: the "count them" step of the benchmarks. */
public final class StoreCount {
    public static void main(String[] args) {
        try (var store = SqliteStorage.open(Path.of(args[0]))) {
            System.out.println(store.reports().rawCount());
        }
    }
}
