package org.epicenter.server.admin;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogException;

/**
 * Fuzzes the catalog an operator gives (a YAML file over the default catalog) and the admin API's
 * entry and probe JSON: each is taken whole, or refused with a {@link CatalogException} in plain
 * words; any other exception, a hang or running out of memory is a finding.
 */
class CatalogFuzzTest {
    private static void plain(CatalogException e, byte[] input) {
        org.epicenter.server.http.FuzzOracle.plain(e.getMessage(), input, e);
    }

    @FuzzTest(maxDuration = "2m")
    void catalogYaml(byte[] file) {
        try {
            var doc = CatalogCodec.readYaml("fuzz.yaml", new String(file, StandardCharsets.UTF_8));
            Catalog.of(List.of(CatalogCodec.defaultDocument(), doc), List.of());
        } catch (CatalogException e) {
            plain(e, file);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void entryJson(byte[] body) {
        try {
            CatalogCodec.readEntryJson(body);
        } catch (CatalogException e) {
            plain(e, body);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void probeJson(byte[] body) {
        try {
            CatalogCodec.readProbeJson(body);
        } catch (CatalogException e) {
            plain(e, body);
        }
    }
}
