package org.epicenter.social;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The phrases that tell what a post says ({@code lexicon.txt} beside this class), by kind, each
 * phrase as a sequence of {@link PostText} words, indexed by the forms of its first word.
 */
final class Lexicon {
    /** What a phrase says. */
    enum Kind {
        /** it does not work now */
        OUTAGE,
        /** it works (again) */
        BACK,
        /** an outage word in another sense; its words are set aside */
        IDIOM,
        /** about the company, not its service */
        NEWS,
        /** an advertisement */
        AD,
        /** the author's own device or account */
        OWN,
        /** a past event */
        OLD,
        /** a hypothetical or a joke */
        HYPOTHETICAL,
        /** others have it too */
        WIDESPREAD,
        /** names a service's app or site ("app", «تطبيق»): makes an everyday word a name */
        APP,
        /** the internet or a network: what an outage word is about when no service is named */
        TARGET,
        /** a catalog name or alias */
        SERVICE;
    }

    /** One phrase: its words' forms in order, and for a service name, whose name and whether it is an everyday word. */
    record Phrase(Kind kind, String written, List<Set<String>> words, String service, boolean weak) {}

    private final Map<String, List<Phrase>> byFirstForm = new HashMap<>();
    private final Set<String> stop = new HashSet<>();
    private final Set<String> weak = new HashSet<>();

    /** The lexicon shipped with the classifier. */
    static Lexicon standard() {
        try (InputStream in = Lexicon.class.getResourceAsStream("lexicon.txt")) {
            if (in == null) {
                throw new IllegalStateException("lexicon.txt is missing from the classpath");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Lexicon read(String text) {
        var sections = new java.util.LinkedHashMap<String, List<String>>();
        String section = null;
        int line = 0;
        for (String ln : text.split("\n", -1)) {
            line++;
            String s = ln.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                section = s.substring(1, s.length() - 1).toLowerCase(Locale.ROOT);
                if (!section.equals("stop") && !section.equals("weak")) {
                    try {
                        Kind.valueOf(section.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "lexicon line " + line + ": unknown section [" + section + "]");
                    }
                }
                continue;
            }
            if (section == null) {
                throw new IllegalArgumentException("lexicon line " + line + ": a phrase before any [section]");
            }
            sections.computeIfAbsent(section, k -> new ArrayList<>()).add(s);
        }
        var lexicon = new Lexicon();
        // stop words and everyday names first: every phrase is read with them known
        sections.getOrDefault("stop", List.of()).forEach(s -> lexicon.stop.add(s.toLowerCase(Locale.ROOT)));
        sections.getOrDefault("weak", List.of())
                .forEach(s -> PostText.tokens(s).forEach(t -> lexicon.weak.add(t.text())));
        sections.forEach((name, phrases) -> {
            if (!name.equals("stop") && !name.equals("weak")) {
                Kind kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
                phrases.forEach(p -> lexicon.add(kind, p, null));
            }
        });
        return lexicon;
    }

    /** Adds a phrase; a phrase with no words (only punctuation) is skipped. */
    void add(Kind kind, String written, String service) {
        var tokens = PostText.tokens(written).stream()
                .filter(t -> !stop.contains(t.text()))
                .toList();
        if (tokens.isEmpty()) {
            return;
        }
        var words = new ArrayList<Set<String>>(tokens.size());
        tokens.forEach(t -> words.add(t.forms()));
        boolean isWeak = service != null
                && tokens.size() == 1
                && (weak.contains(tokens.get(0).text()) || tokens.get(0).text().length() <= 2); // "x", "fb", «دو»
        var phrase = new Phrase(kind, written, List.copyOf(words), service, isWeak);
        for (String form : tokens.get(0).forms()) {
            byFirstForm.computeIfAbsent(form, k -> new ArrayList<>()).add(phrase);
        }
    }

    /** Phrases whose first word has one of these forms. */
    List<Phrase> startingWith(Set<String> forms) {
        var out = new ArrayList<Phrase>();
        var seen = new HashSet<Phrase>();
        for (String f : forms) {
            for (Phrase p : byFirstForm.getOrDefault(f, List.of())) {
                if (seen.add(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    boolean isStop(String word) {
        return stop.contains(word);
    }
}
