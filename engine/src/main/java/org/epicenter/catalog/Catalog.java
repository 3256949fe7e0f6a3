package org.epicenter.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services and providers Epicenter knows, as an immutable, validated snapshot: every
 * dependency names a known entry and the dependency graph has no cycle. Changes produce a new
 * snapshot (built and validated first, then swapped in by the caller).
 *
 * <p>Layers apply in order: the default catalog in the jar, then the operator's file, then changes
 * made through the admin API.
 */
public final class Catalog {
    /** Where an entry came from, for error messages. */
    private record Placed(CatalogEntry entry, String source, int line, String field) {}

    private final Map<String, Placed> byId;
    private final Map<String, List<CatalogEntry>> dependents;

    private Catalog(Map<String, Placed> byId) {
        this.byId = byId;
        this.dependents = validate(byId);
    }

    /** Builds the catalog from file layers (default first) and stored admin changes. */
    public static Catalog of(List<CatalogDocument> layers, Collection<CatalogChange> changes) {
        var byId = new LinkedHashMap<String, Placed>();
        for (CatalogDocument doc : layers) {
            for (int i = 0; i < doc.remove().size(); i++) {
                String id = doc.remove().get(i);
                if (byId.remove(id) == null) {
                    throw new CatalogException(
                            doc.source(),
                            0,
                            "remove[" + i + "]",
                            "cannot remove \"" + id + "\": no earlier catalog defines it");
                }
            }
            var inThisDocument = new java.util.HashMap<String, Integer>();
            for (int i = 0; i < doc.entries().size(); i++) {
                CatalogEntry e = doc.entries().get(i);
                Integer earlier = inThisDocument.putIfAbsent(e.id(), i);
                if (earlier != null) {
                    // a later file may redefine an entry; one file defining it twice is a mistake, not an override
                    throw new CatalogException(
                            doc.source(),
                            doc.lineOf(i),
                            "entries[" + i + "].id",
                            "duplicate id \"" + e.id() + "\": entries[" + earlier + "] (line " + doc.lineOf(earlier)
                                    + ") defines it already");
                }
                byId.remove(e.id()); // a redefinition moves to the end, like a fresh entry
                byId.put(e.id(), new Placed(e, doc.source(), doc.lineOf(i), "entries[" + i + "]"));
            }
        }
        for (CatalogChange c : changes) {
            applyTo(byId, c);
        }
        return new Catalog(byId);
    }

    /** The default catalog alone. */
    public static Catalog defaults() {
        return of(List.of(CatalogCodec.defaultDocument()), List.of());
    }

    /** A new snapshot with one admin change applied; throws {@link CatalogException} when it would be invalid. */
    public Catalog apply(CatalogChange change) {
        var copy = new LinkedHashMap<>(byId);
        applyTo(copy, change);
        return new Catalog(copy);
    }

    private static void applyTo(Map<String, Placed> byId, CatalogChange change) {
        switch (change) {
            case CatalogChange.Put put ->
                byId.put(put.id(), new Placed(put.entry(), "admin API", 0, "entry " + put.id()));
            case CatalogChange.Remove remove -> byId.remove(remove.id());
        }
    }

    public Optional<CatalogEntry> find(String id) {
        Placed p = byId.get(id);
        return p == null ? Optional.empty() : Optional.of(p.entry());
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public List<CatalogEntry> entries() {
        return byId.values().stream().map(Placed::entry).toList();
    }

    public int size() {
        return byId.size();
    }

    /** Entries that name {@code id} in their own dependsOn. */
    public List<CatalogEntry> directDependents(String id) {
        return dependents.getOrDefault(id, List.of());
    }

    /** Everything that depends on {@code id}, directly or through other entries, nearest first. */
    public List<CatalogEntry> allDependents(String id) {
        var seen = new LinkedHashSet<String>();
        var queue = new ArrayDeque<String>(List.of(id));
        while (!queue.isEmpty()) {
            for (CatalogEntry d : directDependents(queue.poll())) {
                if (seen.add(d.id())) {
                    queue.add(d.id());
                }
            }
        }
        return seen.stream().map(s -> byId.get(s).entry()).toList();
    }

    private static Map<String, List<CatalogEntry>> validate(Map<String, Placed> byId) {
        var dependents = new HashMap<String, List<CatalogEntry>>();
        for (Placed p : byId.values()) {
            List<Dependency> deps = p.entry().dependsOn();
            for (int j = 0; j < deps.size(); j++) {
                String target = deps.get(j).id();
                if (!byId.containsKey(target)) {
                    throw new CatalogException(
                            p.source(),
                            p.line(),
                            p.field() + ".dependsOn[" + j + "].id",
                            "\"" + p.entry().id() + "\" depends on unknown entry \"" + target + "\"");
                }
                dependents.computeIfAbsent(target, k -> new ArrayList<>()).add(p.entry());
            }
        }
        rejectCycles(byId);
        dependents.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(dependents);
    }

    private static void rejectCycles(Map<String, Placed> byId) {
        var state = new HashMap<String, Integer>(); // 1 = on the current path, 2 = done
        for (String start : byId.keySet()) {
            var path = new ArrayList<String>();
            visit(start, byId, state, path);
        }
    }

    private static void visit(String id, Map<String, Placed> byId, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        path.add(id);
        if (s != null) {
            Placed p = byId.get(id);
            List<String> cycle = path.subList(path.indexOf(id), path.size());
            throw new CatalogException(
                    p.source(), p.line(), p.field() + ".dependsOn", "dependency cycle: " + String.join(" -> ", cycle));
        }
        state.put(id, 1);
        for (Dependency d : byId.get(id).entry().dependsOn()) {
            visit(d.id(), byId, state, path);
        }
        state.put(id, 2);
        path.remove(path.size() - 1);
    }

    /** Every id, in catalog order. */
    public Set<String> ids() {
        return byId.keySet();
    }
}
