package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreChoiceTest {
    @Test
    void sqliteIsTheDefault() {
        assertThat(StoreChoice.of(null, null, null, null, null, 8)).isInstanceOf(StoreChoice.Sqlite.class);
        assertThat(StoreChoice.of("SQLite", "", null, null, null, 8)).isInstanceOf(StoreChoice.Sqlite.class);
    }

    @Test
    void postgresNeedsItsAddressAndNeverPrintsThePassword() {
        assertThatThrownBy(() -> StoreChoice.of("postgres", " ", null, null, null, 8))
                .hasMessageContaining("--postgres-url jdbc:postgresql://");
        var pg =
                StoreChoice.of("postgres", "jdbc:postgresql://db:5432/epicenter?password=s3cret", "epi", "pw", "ep", 4);
        assertThat(pg).isInstanceOf(StoreChoice.Postgres.class);
        assertThat(pg.describe(Path.of("x")))
                .isEqualTo("PostgreSQL at jdbc:postgresql://db:5432/epicenter?password=*** as epi (schema ep)")
                .doesNotContain("s3cret");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> StoreChoice.of("mysql", null, null, null, null, 8))
                .hasMessage("--store must be sqlite or postgres; got \"mysql\"");
        assertThatThrownBy(() -> StoreChoice.of("sqlite", "jdbc:postgresql://db/e", null, null, null, 8))
                .hasMessageContaining("add --store postgres");
        assertThatThrownBy(() -> StoreChoice.of("postgres", "mysql://db/e", null, null, null, 8))
                .hasMessageContaining("must look like jdbc:postgresql://");
        assertThatThrownBy(() -> StoreChoice.of("postgres", "jdbc:postgresql://db/e", null, null, "Bad-Name", 8))
                .hasMessageContaining("schema name");
        assertThatThrownBy(() -> StoreChoice.of("postgres", "jdbc:postgresql://db/e", null, null, null, 0))
                .hasMessageContaining("1 to 100 connections");
    }
}
