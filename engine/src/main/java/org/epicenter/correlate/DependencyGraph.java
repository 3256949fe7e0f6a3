package org.epicenter.correlate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.Dependency;

/**
 * What correlation needs of the catalog: who depends on whom, and each entry's English name.
 *
 * <p>The default catalog's graph is also kept as a small tab-separated resource
 * ({@code dependency-graph.tsv}, one line per entry: id, name, comma-separated dependsOn). A test
 * keeps it equal to the YAML. {@code epicenter detect} reads it in a millisecond, where the full
 * catalog costs half a second of a cold JVM.
 */
public final class DependencyGraph {
    public static final String DEFAULT_RESOURCE = "/org/epicenter/catalog/dependency-graph.tsv";

    private final Map<String, String> names;
    private final Map<String, List<String>> upstream;
    private final Map<String, List<String>> direct = new HashMap<>();

    private DependencyGraph(Map<String, String> names, Map<String, List<String>> upstream) {
        this.names = names;
        this.upstream = upstream;
        upstream.forEach((id, deps) -> deps.forEach(
                d -> direct.computeIfAbsent(d, k -> new ArrayList<>()).add(id)));
    }

    public static DependencyGraph of(Catalog catalog) {
        var names = new LinkedHashMap<String, String>();
        var up = new LinkedHashMap<String, List<String>>();
        for (CatalogEntry e : catalog.entries()) {
            names.put(e.id(), e.name().en());
            up.put(e.id(), e.dependsOn().stream().map(Dependency::id).toList());
        }
        return new DependencyGraph(names, up);
    }

    /** The default catalog's graph, from its resource. */
    public static DependencyGraph defaults() {
        try (InputStream in = DependencyGraph.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DependencyGraph read(InputStream in) throws IOException {
        var names = new LinkedHashMap<String, String>();
        var up = new LinkedHashMap<String, List<String>>();
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            names.put(f[0], f[1]);
            up.put(f[0], f.length < 3 || f[2].isEmpty() ? List.of() : List.of(f[2].split(",")));
        }
        return new DependencyGraph(names, up);
    }

    /** The resource's text for this graph. */
    public String toTsv() {
        var s = new StringBuilder(
                "# id\tname\tdependsOn (generated from default-catalog.yaml; DefaultCatalogTest keeps it equal)\n");
        names.forEach((id, name) -> s.append(id)
                .append('\t')
                .append(name)
                .append('\t')
                .append(String.join(",", upstream.get(id)))
                .append('\n'));
        return s.toString();
    }

    public boolean contains(String id) {
        return names.containsKey(id);
    }

    public String name(String id) {
        return names.getOrDefault(id, id);
    }

    /** What {@code id} names in its own dependsOn. */
    public List<String> dependsOn(String id) {
        return upstream.getOrDefault(id, List.of());
    }

    /** Everything that depends on {@code id}, directly or through other entries. */
    public List<String> allDependents(String id) {
        var seen = new LinkedHashSet<String>();
        var queue = new ArrayDeque<String>(List.of(id));
        while (!queue.isEmpty()) {
            for (String d : direct.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(d)) {
                    queue.add(d);
                }
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DependencyGraph g && g.names.equals(names) && g.upstream.equals(upstream);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + upstream.hashCode();
    }
}
