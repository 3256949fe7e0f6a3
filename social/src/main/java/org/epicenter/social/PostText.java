package org.epicenter.social;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A post's words, in the form they are matched: Unicode-folded, lower case, links dropped,
 * Arabic letters unified (Lucene's Arabic normaliser: hamza forms, alef maqsura, teh marbuta,
 * tatweel, diacritics), Persian letters read as Arabic, runs of three or more of one letter folded
 * to one («واقففف», "dooown"), and each Arabic word also under its light stems (Lucene's Arabic
 * stemmer: «الواتس» and «واتس» meet). Lexicon phrases and catalog names go through the same steps,
 * so a phrase is written once, the common way.
 */
final class PostText {
    /** The most of a post that is read: longer posts are cut here. */
    static final int MAX_CHARS = 4_000;

    private static final int MAX_WORD = 64;
    private static final Pattern LINK = Pattern.compile("(?i)(?:https?://|www\\.)\\S+");
    private static final Pattern POSSESSIVE = Pattern.compile("(?<=\\p{IsLatin})['’]s\\b");
    private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");

    private static final Analyzer NORMALISE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new WhitespaceTokenizer();
            return new TokenStreamComponents(t, new ArabicNormalizationFilter(t));
        }
    };

    private static final Analyzer STEM = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new WhitespaceTokenizer();
            return new TokenStreamComponents(t, new ArabicStemFilter(t));
        }
    };

    /**
     * One word of a post.
     *
     * @param text    its normalised form
     * @param forms   the forms it matches under: the normalised word and, for Arabic, its stems
     * @param tagged  written as a hashtag or a mention
     * @param capital written in Latin letters starting with a capital ("Signal", "SIGNAL")
     * @param folded  written with a letter repeated three times or more ("xxx", «واقففف»)
     */
    record Token(String text, Set<String> forms, boolean tagged, boolean capital, boolean folded) {
        Token(String text, Set<String> forms, boolean tagged, boolean capital) {
            this(text, forms, tagged, capital, false);
        }
    }

    private PostText() {}

    /** The words of {@code raw}, in order. */
    static List<Token> tokens(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        String s = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = LINK.matcher(s).replaceAll(" ");
        s = POSSESSIVE.matcher(s).replaceAll(""); // "netflix's" is netflix
        var words = new ArrayList<String>();
        var tagged = new ArrayList<Boolean>();
        var capital = new ArrayList<Boolean>();
        var word = new StringBuilder();
        boolean tag = false;
        boolean cap = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == 0x0640 || c == '\'' || c == '’') {
                continue; // diacritics, tatweel and apostrophes live inside words: "isn't", «واقـــف», "sha3'al"
            }
            if (Character.isLetterOrDigit(c)) {
                if (word.isEmpty()) {
                    cap = Character.isUpperCase(c) && c < 0x0250;
                }
                if (word.length() < MAX_WORD) { // Lucene's tokenizer splits past 255; nobody writes such words
                    word.appendCodePoint(arabic(Character.isDigit(c) ? '0' + Character.digit(c, 10) : c));
                }
                continue;
            }
            if (!word.isEmpty()) {
                words.add(word.toString());
                tagged.add(tag);
                capital.add(cap);
                word.setLength(0);
            }
            if (c == '#' || c == '@') {
                tag = true;
            } else if (c != '_') { // a hashtag's words run on over underscores: #واتساب_معطل
                tag = false;
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
            tagged.add(tag);
            capital.add(cap);
        }
        if (words.isEmpty()) {
            return List.of();
        }
        var lower = new ArrayList<String>(words.size());
        var twice = new ArrayList<String>(words.size()); // "gooooogle" is google, "faceboooook" facebook
        for (String w : words) {
            String l = MARKS.matcher(w.toLowerCase(Locale.ROOT)).replaceAll(""); // "İ" lowercases to i and a dot
            lower.add(REPEATS.matcher(l).replaceAll("$1"));
            twice.add(REPEATS.matcher(l).replaceAll("$1$1"));
        }
        List<String> normal = run(NORMALISE, lower);
        List<String> stem = run(STEM, normal);
        List<String> stem2 = run(STEM, stem);
        var out = new ArrayList<Token>(normal.size());
        for (int i = 0; i < normal.size(); i++) {
            var forms = new LinkedHashSet<String>(3);
            forms.add(normal.get(i));
            if (stem.get(i).length() >= 2) {
                forms.add(stem.get(i));
            }
            if (stem2.get(i).length() >= 2) {
                forms.add(stem2.get(i));
            }
            forms.add(twice.get(i));
            out.add(new Token(
                    normal.get(i),
                    Set.copyOf(forms),
                    tagged.get(i),
                    capital.get(i),
                    !twice.get(i).equals(lower.get(i))));
        }
        return out;
    }

    /** Persian and Urdu letters that Gulf writers use for sounds Arabic lacks, read as the Arabic letter. */
    private static int arabic(int c) {
        return switch (c) {
            case 'ک' -> 'ك';
            case 'ی', 'ې' -> 'ي';
            case 'گ' -> 'ك';
            case 'پ' -> 'ب';
            case 'چ' -> 'ج';
            case 'ڤ' -> 'ف';
            case 'ژ' -> 'ز';
            case 'ە', 'ہ' -> 'ه';
            default -> c;
        };
    }

    /** Runs each word through an analyser, keeping one output per word (a word it drops stays as it was). */
    private static List<String> run(Analyzer analyzer, List<String> words) {
        var out = new ArrayList<String>(words.size());
        try (TokenStream ts = analyzer.tokenStream("t", String.join(" ", words))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return out.size() == words.size() ? out : words;
    }
}
