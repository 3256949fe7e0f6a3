package org.epicenter.catalog;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * One catalog file: entries to add or replace (by id), and ids of earlier entries to remove.
 *
 * @param entryLines line of each entry in its file (index-aligned with entries; 0 when unknown)
 */
public record CatalogDocument(
        String source, List<CatalogEntry> entries, List<String> remove, List<Integer> entryLines) {
    public CatalogDocument {
        entries = entries == null ? List.of() : List.copyOf(entries);
        remove = remove == null ? List.of() : List.copyOf(remove);
        entryLines = entryLines == null ? List.of() : List.copyOf(entryLines);
    }

    /** The YAML shape: only these two keys are allowed at the top. */
    record Yaml(
            List<CatalogEntry> entries,

            @JsonDeserialize(contentUsing = Fields.Slug.class)
            List<String> remove) {}

    int lineOf(int index) {
        return index < entryLines.size() ? entryLines.get(index) : 0;
    }
}
