package org.epicenter.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;

/**
 * A store whose writes fail as SQLite's do on a full disk, while {@code full} says so: a fault a
 * unit test cannot provoke on a real disk (bench/fault-run.sh does, on a tmpfs). Every other call
 * goes to the real store.
 */
public final class FullDisk {
    private FullDisk() {}

    /** {@code real}, but {@code write} (a method name) throws SQLite's full-disk error while {@code full} holds. */
    public static <T> T failing(Class<T> type, T real, String write, BooleanSupplier full) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals(write) && full.getAsBoolean()) {
                throw new IllegalStateException(
                        "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
