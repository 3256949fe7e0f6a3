package org.epicenter.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Times as the tables keep them on every SQL backend: epoch milliseconds, null for none. */
final class Sql {
    private Sql() {}

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
