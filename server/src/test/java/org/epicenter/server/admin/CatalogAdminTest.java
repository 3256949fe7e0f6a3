package org.epicenter.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogDocument;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/**
 * Two nodes over one store (cluster mode): a change made through one node's admin API reaches the
 * other at its next refresh, once; a change the other cannot apply leaves its catalog as it was.
 */
class CatalogAdminTest {
    private static final List<CatalogDocument> DEFAULTS = List.of(CatalogCodec.defaultDocument());

    @Test
    void aChangeMadeOnOneNodeReachesTheOtherOnce() {
        var store = new InMemoryStorage();
        var a = CatalogAdmin.load(DEFAULTS, store.catalogChanges());
        var b = CatalogAdmin.load(DEFAULTS, store.catalogChanges());
        var heardAtB = new ArrayList<Catalog>();
        var heardAtA = new ArrayList<Catalog>();
        b.onChange(heardAtB::add);
        a.onChange(heardAtA::add);
        assertThat(b.refresh()).isFalse();

        a.apply(new CatalogChange.Remove("x"));

        assertThat(a.current().contains("x")).isFalse();
        assertThat(b.current().contains("x")).isTrue(); // not yet
        assertThat(b.refresh()).isTrue();
        assertThat(b.current().contains("x")).isFalse();
        assertThat(b.refresh()).isFalse();
        assertThat(heardAtB).hasSize(1);
        assertThat(a.refresh()).isFalse(); // its own change: already in, not announced again
        assertThat(heardAtA).hasSize(1);

        b.apply(new CatalogChange.Put(Catalog.defaults().find("x").orElseThrow()));
        assertThat(a.refresh()).isTrue();
        assertThat(a.current().contains("x")).isTrue();
        assertThat(CatalogAdmin.load(DEFAULTS, store.catalogChanges()).current().entries())
                .isEqualTo(a.current().entries());
    }

    @Test
    void aStoredChangeThatDoesNotApplyHereKeepsTheCatalog() {
        var store = new InMemoryStorage();
        var withAcme = new ArrayList<>(DEFAULTS);
        withAcme.add(CatalogCodec.readYaml("ops.yaml", """
                entries:
                  - id: acme-cdn
                    kind: provider
                    name: {en: Acme CDN, ar: أكمي}
                    category: cdn
                  - id: my-shop
                    kind: service
                    name: {en: My Shop, ar: متجري}
                    category: ecommerce
                """));
        var a = CatalogAdmin.load(withAcme, store.catalogChanges());
        var b = CatalogAdmin.load(DEFAULTS, store.catalogChanges()); // started without the operator's file
        var before = b.current();
        var heardAtB = new ArrayList<Catalog>();
        b.onChange(heardAtB::add);

        a.apply(new CatalogChange.Put(
                CatalogCodec.readEntryJson("""
                {"id": "my-app", "kind": "service", "name": {"en": "My App", "ar": "تطبيقي"},
                 "category": "ecommerce", "dependsOn": [{"id": "acme-cdn", "evidence": "confirmed"}]}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        assertThat(a.current().contains("my-app")).isTrue();
        assertThat(b.refresh()).isFalse(); // "my-app" depends on an entry b does not know
        assertThat(b.current()).isSameAs(before);
        assertThat(heardAtB).isEmpty();
        assertThat(b.refresh()).isFalse(); // said once, not at every tick
    }
}
