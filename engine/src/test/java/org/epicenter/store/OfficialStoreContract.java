package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OfficialStore contract (official incidents). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class OfficialStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void officialIncidentsAreUpdatedInPlaceKeepTheirFirstSightingAndExpireOnceResolved() {
        var open = officialIncident("inc1", T0, null, "Network issues");
        var seen = new org.epicenter.feed.OfficialRecord(
                "cloudflare", "https://s.example/api/v2/summary.json", open, T0.plusSeconds(120));
        var other = new org.epicenter.feed.OfficialRecord(
                "github",
                "https://g.example/x",
                officialIncident("inc1", T0.minusSeconds(86_400), T0.minusSeconds(80_000), "Old"),
                T0.minusSeconds(86_000));
        storage().official().saveOfficial(List.of(seen, other));
        var fixed = officialIncident("inc1", T0, T0.plusSeconds(3600), "Network issues resolved");
        storage()
                .official()
                .saveOfficial(List.of(
                        new org.epicenter.feed.OfficialRecord("cloudflare", seen.feed(), fixed, T0.plusSeconds(3700))));

        assertThat(storage().official().officialSince(T0))
                .as("updated in place; first sighting kept")
                .containsExactly(
                        new org.epicenter.feed.OfficialRecord("cloudflare", seen.feed(), fixed, T0.plusSeconds(120)));
        assertThat(storage().official().officialSince(T0.minusSeconds(100_000)))
                .hasSize(2)
                .first()
                .isEqualTo(other);
        assertThat(storage().official().deleteOfficialBefore(T0)).isEqualTo(1);
        assertThat(storage().official().officialSince(T0.minusSeconds(100_000))).hasSize(1);
    }

    @Test
    void anOpenOfficialIncidentIsListedWhateverItsAge() {
        var old = new org.epicenter.feed.OfficialRecord(
                "aws-us-east-1",
                "https://a.example/rss",
                officialIncident("i", T0.minusSeconds(90_000), null, "t"),
                T0);
        storage().official().saveOfficial(List.of(old));
        assertThat(storage().official().officialSince(T0)).containsExactly(old);
        assertThat(storage().official().deleteOfficialBefore(T0.plusSeconds(1))).isZero();
    }
}
