package org.epicenter.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogException;
import org.epicenter.server.Epicenter;
import org.epicenter.social.PostClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code epicenter classify}: reads social posts (JSON lines {@code {"id","time","text"}}) and
 * writes what the classifier makes of each ({@code {"id","service","outage","why"}}), in order. A
 * line that is not a post is reported with its number and skipped; the others are all written.
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Read social posts (JSON lines: id, time, text) and write, for each, the service it is about,"
                + " whether it reports an outage now, and why (JSON lines: id, service, outage, why).")
final class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--posts", required = true, description = "JSON lines of posts: {\"id\", \"time\", \"text\"}.")
    Path posts;

    @Option(names = "--out", required = true, description = "Where to write the labels, one JSON line per post.")
    Path out;

    @Option(names = "--catalog", description = "Operator catalog YAML: its names and aliases are matched too.")
    Path catalog;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        String name = posts.getFileName() == null
                ? posts.toString()
                : posts.getFileName().toString();
        try {
            var classifier = new PostClassifier(
                    catalog == null ? Catalog.defaults() : Catalog.of(Epicenter.catalogLayers(catalog), List.of()));
            int read = 0;
            int skipped = 0;
            Map<String, Integer> outages = new TreeMap<>();
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(Files.newInputStream(posts), StandardCharsets.UTF_8));
                    BufferedWriter w = new BufferedWriter(
                            new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8))) {
                int line = 0;
                for (String s = in.readLine(); s != null; s = in.readLine()) {
                    line++;
                    if (s.isBlank()) {
                        continue;
                    }
                    PostClassifier.Post post;
                    try {
                        post = post(s);
                    } catch (IllegalArgumentException e) {
                        skipped++;
                        if (skipped <= 20) {
                            System.err.println(name + " line " + line + ": " + e.getMessage() + " (skipped)");
                        }
                        continue;
                    }
                    read++;
                    var v = classifier.classify(post);
                    if (v.outage()) {
                        outages.merge(v.service() == null ? "(no service)" : v.service(), 1, Integer::sum);
                    }
                    var o = JSON.createObjectNode();
                    o.put("id", v.id());
                    if (v.service() == null) {
                        o.putNull("service");
                    } else {
                        o.put("service", v.service());
                    }
                    o.put("outage", v.outage());
                    o.put("why", v.why());
                    w.write(o.toString());
                    w.newLine();
                }
            }
            if (skipped > 20) {
                System.err.println(name + ": " + (skipped - 20) + " more lines skipped");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%d posts read, %d skipped, %d report an outage %s; labels written to %s (%.2f s)%n",
                    read,
                    skipped,
                    outages.values().stream().mapToInt(Integer::intValue).sum(),
                    top(outages),
                    out,
                    seconds);
            return skipped == 0 ? 0 : 1;
        } catch (CatalogException e) {
            System.err.println("epicenter classify: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            System.err.println("epicenter classify: file not found: " + e.getFile());
            return 2;
        } catch (IOException e) {
            System.err.println("epicenter classify: " + e.getMessage());
            return 2;
        }
    }

    /** One line as a post, or an IllegalArgumentException that says what is wrong with it. */
    static PostClassifier.Post post(String line) {
        var p = org.epicenter.social.PostLine.parse(line);
        return new PostClassifier.Post(p.id(), p.time(), p.text());
    }

    /** The ten services with the most outage posts, most first. */
    private static String top(Map<String, Integer> outages) {
        var sorted = outages.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .toList();
        var shown = new java.util.StringJoiner(", ", "(", sorted.size() > 10 ? ", ...)" : ")");
        sorted.stream().limit(10).forEach(e -> shown.add(e.getKey() + " " + e.getValue()));
        return sorted.isEmpty() ? "" : shown.toString();
    }
}
