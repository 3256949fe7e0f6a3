package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.HashSet;
import java.util.List;

/**
 * One service or provider of the catalog. Field syntax is checked while binding (so errors carry
 * a line); graph rules (known ids, no cycles) are checked by {@link Catalog}.
 *
 * @param countries ISO 3166-1 alpha-2 codes where it matters most; empty means global
 * @param dependsOn providers (or services) it depends on
 * @param probes    active probes of it (see {@link ProbeSpec}); names unique within the entry
 * @param feeds     its official status feeds (see {@link FeedSpec})
 * @param aliases   other names people write for it, in any language and script («الواتس», "insta",
 *                  "wa"), besides its id and its two names: what social posts are matched against
 */
public record CatalogEntry(
        @JsonProperty(required = true) @JsonDeserialize(using = Fields.Slug.class)
        String id,

        @JsonProperty(required = true) EntryKind kind,
        @JsonProperty(required = true) LocalizedName name,
        @JsonProperty(required = true) Category category,

        @JsonDeserialize(contentUsing = Fields.Hostname.class)
        List<String> hostnames,

        @JsonDeserialize(contentUsing = Fields.Country.class)
        List<String> countries,

        List<Dependency> dependsOn,
        List<ProbeSpec> probes,
        List<FeedSpec> feeds,
        @JsonDeserialize(contentUsing = Fields.Text.class) List<String> aliases) {

    public CatalogEntry {
        required(id, "id");
        required(kind, "kind");
        required(name, "name");
        required(category, "category");
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        countries = countries == null ? List.of() : List.copyOf(countries);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        probes = probes == null ? List.of() : List.copyOf(probes);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (aliases.size() > 40) {
            throw new IllegalArgumentException("aliases: at most 40 per entry, got " + aliases.size());
        }
        for (String a : aliases) {
            if (a.length() > 60) {
                throw new IllegalArgumentException(
                        "aliases: \"" + a.substring(0, 20) + "...\" is longer than 60 characters");
            }
        }
        if (feeds.size() > 10) {
            throw new IllegalArgumentException("feeds: at most 10 per entry, got " + feeds.size());
        }
        if (feeds.stream().map(FeedSpec::url).distinct().count() < feeds.size()) {
            throw new IllegalArgumentException("feeds: a URL is listed twice (list its components in one feed)");
        }
        var names = new java.util.HashMap<String, ProbeSpec>();
        for (ProbeSpec p : probes) {
            if (names.put(p.name(), p) != null) {
                throw new IllegalArgumentException("probes: the name \"" + p.name() + "\" is used twice");
            }
        }
        for (ProbeSpec p : probes) {
            if (p.backupOf() != null) {
                ProbeSpec primary = names.get(p.backupOf());
                if (primary == null) {
                    throw new IllegalArgumentException("probes: " + p.name() + " is the backup of \"" + p.backupOf()
                            + "\", which is not a probe of " + id + " ("
                            + String.join(", ", names.keySet().stream().sorted().toList()) + ")");
                }
                if (primary.backupOf() != null) {
                    throw new IllegalArgumentException("probes: " + p.name() + " is the backup of " + primary.name()
                            + ", which is itself a backup; name the primary");
                }
            }
        }
        var seen = new HashSet<String>();
        for (Dependency d : dependsOn) {
            if (d.id().equals(id)) {
                throw new IllegalArgumentException("dependsOn: " + id + " cannot depend on itself");
            }
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("dependsOn: " + d.id() + " is listed twice");
            }
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field \"" + field + "\"");
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isProvider() {
        return kind == EntryKind.PROVIDER;
    }
}
