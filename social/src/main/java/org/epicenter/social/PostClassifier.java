package org.epicenter.social;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.social.Lexicon.Kind;
import org.epicenter.social.Lexicon.Phrase;

/**
 * Reads one social post: which catalog service it is about, and whether it says that service does
 * not work now. Rules, not a model, so every answer comes with the words that decided it:
 *
 * <ol>
 *   <li>the post's words are normalised ({@link PostText}) and matched against the catalog's names
 *       and aliases and the phrases of {@code lexicon.txt}: outage words («واقف», "not loading",
 *       "wa2ef"), words that it works again («رجع», "back up"), idioms that share the outage words
 *       ("down to earth", «واقف على الباب»), and signs of news, ads, the author's own device or
 *       account, a past event or a hypothetical; where phrases overlap, the longest wins;</li>
 *   <li>each outage or "back" word belongs to the service named nearest to it, so "Instagram is
 *       down but WhatsApp works" is about Instagram; an everyday word that is also a name (Signal,
 *       «طلبات») names the service only as a hashtag or mention, capitalised, beside "app" or
 *       «تطبيق», or next to an outage word;</li>
 *   <li>it is an outage when an outage word belongs to the service, no "back" word comes after it,
 *       and the post is not hypothetical, about a past year, an ad, or (unless others are said to
 *       have it too) news or the author's own device or account.</li>
 * </ol>
 */
public final class PostClassifier {
    /** A post as {@code epicenter classify} reads it. */
    public record Post(String id, Instant time, String text) {}

    /**
     * What the classifier makes of a post.
     *
     * @param service the catalog id it is about, or null
     * @param outage  true when it says the service does not work now
     * @param why     the words that decided, in plain English
     * @param lang    {@code ar}, {@code en} or {@code arabizi}: the script the post is mostly in
     */
    public record Verdict(String id, String service, boolean outage, String why, String lang) {}

    /** A past year, said as one: "in 2021", «سنة 2021», «عام ٢٠٢١» (not "error 2003"). */
    private static final Pattern YEAR = Pattern.compile(
            "(?iu)(\\bin|\\bsince|\\bof|\\bback in|في|سنة|سنه|عام|year)\\s+(19[5-9][0-9]|20[0-9][0-9])(?![0-9])");

    private static final Pattern DOWN = Pattern.compile("(?i)(?<![a-z])down(?![a-z])");
    private static final Set<String> TAILS = Set.of(
            "down",
            "isdown",
            "outage",
            "outages",
            "notworking",
            "dead",
            "broken",
            "offline",
            "fail",
            "fails",
            "failure",
            "crash",
            "crashed",
            "crashing",
            "error",
            "errors",
            "problems",
            "issues",
            "wa2ef",
            "ta7");
    private static final int NEAR = 3;
    /** Words that deny a verb: «ما يفتح», «مش بيحمل», "msh byfta7". */
    private static final Set<String> NEGATIONS = Set.of(
            "ما", "مو", "مش", "مب", "مهو", "ماهو", "موب", "مهوب", "ma", "mesh", "msh", "mish", "mush", "mosh", "mo",
            "mu");
    /** Words that deny a "back" word: "still not back", «ماهو شغال» are outages. */
    private static final Set<String> DENY_BACK = Set.of(
            "not", "isnt", "arent", "wasnt", "hasnt", "havent", "never", "ما", "مو", "مش", "مب", "مهو", "ماهو", "موب",
            "مهوب", "لسا", "لسه", "لسى", "mesh", "msh", "mish", "mo", "mu");
    /** Verbs a fused denial is made of («مايفتح», «ماتشتغل»): a word merely starting «ماي» («مايكروسوفت») is not one. */
    private static final Set<String> FUSED_VERBS = Set.of(
            "شتغل", "شتغلش", "فتح", "فتحش", "حمل", "رسل", "دخل", "دخلني", "خدم", "خدمش", "قبل", "زامن", "ستجيب", "وصل",
            "حول", "دز", "شغل", "ستقبل", "شتغلو", "فتحو", "عمل", "مشي");
    /** Outage words that are nouns: only they can follow «بعد» or "after" as a past event (the Gulf «بعد طايح» is "still down"). */
    private static final Set<String> OUTAGE_NOUNS =
            Set.of("عطل", "انقطاع", "توقف", "خلل", "عطل فني", "outage", "outages", "downtime", "crash", "an outage");
    /** Words before "if" that make it a question, not a condition: "anyone know if WhatsApp is down?". */
    private static final Set<String> ASKING = Set.of(
            "know",
            "knows",
            "wonder",
            "wondering",
            "check",
            "checking",
            "see",
            "ask",
            "asking",
            "tell",
            "sure",
            "idea",
            "whether");
    /** Words between a negation and its verb: «ما عم يشتغل», «مو قاعد يفتح». */
    private static final Set<String> CONTINUOUS = Set.of("عم", "قاعد", "قاعده", "3am", "2a3ed");
    /** Verbs whose denial says nothing of a service: «ما يهم», «ما اعرف». */
    private static final Set<String> IDLE_VERBS = Set.of(
            "يهم",
            "يهمني",
            "يهمك",
            "يحتاج",
            "تحتاج",
            "يصير",
            "تصير",
            "ينفع",
            "تنفع",
            "يعرف",
            "تعرف",
            "يقدر",
            "يبي",
            "تبي",
            "يبغى",
            "يصدق",
            "تصدق",
            "يستاهل",
            "يعجب",
            "يعجبني",
            "تعجبني",
            "يكفي",
            "يخصك",
            "يفرق",
            "يجي",
            "تجي",
            "يروح",
            "يسوى",
            "يضحك",
            "يتكلم",
            "يرد",
            "يردون",
            "بيرد",
            "يفهم",
            "تفهم",
            "يلزم",
            "يحب",
            "تحب",
            "ينام",
            "يقصر",
            "تقصر",
            "تنسى",
            "ينسى",
            "يخاف",
            "تخاف",
            "تشوف",
            "يشوف",
            "تقول",
            "يقول",
            "تدري",
            "يدري",
            // «ما» as "what": «ما يحدث في تويتر», «ما تقدمه نتفليكس»
            "يحدث",
            "يحصل",
            "تقدمه",
            "يقدمه",
            "تقدم",
            "يقدم",
            "تعرفون",
            "يعرفون",
            "تعرفوا",
            "يعرفوا",
            "تعرفين",
            "يقولون",
            "تقولون",
            "يريد",
            "تريد",
            "تبون",
            "يبون",
            "تبغون",
            "يسوي",
            "تسوي",
            "يسويه",
            "تسويه",
            "يكتب",
            "تكتب",
            "ينشر",
            "تنشر",
            "تتوقع",
            "يتوقع",
            "تتخيل",
            "يتخيل",
            "تحتاجه",
            "يحتاجه",
            "يستحق",
            "تستحق");
    /** Words before an outage word that put it in the past: «بعد عطل», "after the outage". */
    private static final Set<String> AFTER = Set.of("after", "following", "بعد");
    /** Words before an outage word that make it a condition: "when Slack is down", «لو طاح». */
    private static final Set<String> CONDITIONS = Set.of("when", "whenever", "if", "لو", "لما", "اذا", "law", "lw");
    /** "Back" words that say only that something works: they clear the service they stand next to, not the post. */
    private static final Set<String> WEAK_BACK = Set.of(
            "working",
            "works",
            "is working",
            "fine",
            "is fine",
            "seems fine",
            "working fine",
            "works fine",
            "شغال",
            "شغاله",
            "تمام",
            "tamam",
            "shaghal",
            "sha3al",
            "sha8al",
            "shaghala");
    /** One to three words in quotes: "down" said with irony, or someone quoted. */
    private static final Pattern QUOTED =
            Pattern.compile("[\"“”«»]\\s*[^\"“”«»\\s]{1,12}(?:\\s+[^\"“”«»\\s]{1,12}){0,2}\\s*[\"“”«»]");

    private static final Phrase NEGATED_VERB = new Phrase(Kind.OUTAGE, "a denied verb", List.of(), null, false);

    private final Lexicon lexicon;
    private final Set<String> latinNames = new java.util.HashSet<>();

    /** With the shipped lexicon and this catalog's names and aliases. */
    public PostClassifier(Catalog catalog) {
        this.lexicon = Lexicon.standard();
        for (CatalogEntry e : catalog.entries()) {
            var names = new ArrayList<String>();
            names.add(e.id().replace('-', ' '));
            names.add(e.name().en());
            names.add(e.name().ar());
            names.addAll(e.aliases());
            for (String n : names) {
                lexicon.add(Kind.SERVICE, n, e.id());
                String flat = n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
                if (flat.length() >= 3 && n.chars().allMatch(c -> c < 0x250)) {
                    latinNames.add(flat);
                }
            }
        }
    }

    private record Match(Phrase phrase, int from, int to, String words) {
        int length() {
            return to - from;
        }

        int distance(Match o) {
            return o.from >= to ? o.from - to : from >= o.to ? from - o.to : 0;
        }
    }

    public Verdict classify(Post post) {
        String text = post.text() == null ? "" : post.text();
        List<PostText.Token> tokens = split(PostText.tokens(text).stream()
                .filter(t -> !lexicon.isStop(t.text()))
                .toList());
        var all = matches(tokens);
        all.addAll(deniedVerbs(
                tokens,
                all.stream().filter(m -> m.phrase().kind() == Kind.SERVICE).toList()));
        var cues = longestFirst(all.stream()
                .filter(m -> switch (m.phrase().kind()) {
                    case OUTAGE, BACK, IDIOM, HYPOTHETICAL -> true;
                    default -> false;
                })
                .toList());
        cues = reread(cues, tokens);
        var names = longestFirst(
                all.stream().filter(m -> m.phrase().kind() == Kind.SERVICE).toList());
        var flags = new HashMap<Kind, Match>();
        for (Match m : all) {
            switch (m.phrase().kind()) {
                case NEWS, AD, OWN, OLD, WIDESPREAD, TARGET ->
                    flags.putIfAbsent(m.phrase().kind(), m);
                default -> {}
            }
        }
        var mentions = new ArrayList<Match>();
        for (Match n : names) {
            if (!n.phrase().weak() || named(n, tokens, cues, all)) {
                mentions.add(n);
            }
        }
        mentions.sort(Comparator.comparingInt(Match::from));
        if (mentions.size() > 1
                && mentions.stream().anyMatch(m -> m.phrase().service().equals("downdetector"))) {
            mentions.removeIf(m -> m.phrase().service().equals("downdetector")); // "Downdetector shows a spike for X"
        }

        // each outage or "back" word belongs to the nearest name (the one before it on a tie)
        var owned = new HashMap<String, List<Match>>();
        for (Match c : cues) {
            if (c.phrase().kind() != Kind.OUTAGE && c.phrase().kind() != Kind.BACK) {
                continue;
            }
            Match nearest = null;
            for (Match m : mentions) {
                if (nearest == null || m.distance(c) < nearest.distance(c)) {
                    nearest = m;
                }
            }
            owned.computeIfAbsent(nearest == null ? "" : nearest.phrase().service(), k -> new ArrayList<>())
                    .add(c);
        }
        Match chosen = null;
        for (Match m : mentions) {
            List<Match> mine = owned.getOrDefault(m.phrase().service(), List.of());
            if (chosen == null) {
                chosen = m;
            } else if (score(mine) > score(owned.getOrDefault(chosen.phrase().service(), List.of()))) {
                chosen = m;
            }
        }
        String service = chosen == null ? null : chosen.phrase().service();
        List<Match> mine = new ArrayList<>(owned.getOrDefault(service == null ? "" : service, List.of()));
        final Match named = chosen;
        // a bare "it works" clears the service only when it stands right next to its name
        mine.removeIf(c -> c.phrase().kind() == Kind.BACK
                && WEAK_BACK.contains(c.words())
                && (named == null || c.distance(named) > 1));
        long distinct =
                mentions.stream().map(m -> m.phrase().service()).distinct().count();
        String about = chosen == null
                ? "no catalogued service named"
                : distinct >= 3 ? "about several services at once" : "about " + service + " («" + chosen.words() + "»)";
        if (distinct >= 3) {
            service = null; // "WhatsApp, Instagram and Facebook all down": the cause is elsewhere
        }
        Verdict v = decide(post, text, mine, cues, flags, about, chosen == null);
        return new Verdict(post.id(), service, v.outage(), v.why(), language(text, tokens));
    }

    /**
     * Outage words read again in their place: "down 12%" is a number going down, «بعد عطل» and
     * "after the outage" are over (they count as "back"), and "when Slack is down" or «لو طاح» is
     * a condition (a hypothetical).
     */
    private static List<Match> reread(List<Match> cues, List<PostText.Token> tokens) {
        var out = new ArrayList<Match>(cues.size());
        for (Match c : cues) {
            if (c.phrase().kind() == Kind.BACK
                    && c.phrase() != AFTER_OUTAGE
                    && ((c.from() >= 1
                                    && DENY_BACK.contains(
                                            tokens.get(c.from() - 1).text()))
                            || (c.from() >= 2
                                    && DENY_BACK.contains(
                                            tokens.get(c.from() - 2).text())))) {
                out.add(new Match(DENIED_BACK, c.from(), c.to(), c.words())); // "still not back", «ماهو شغال»
                continue;
            }
            if (c.phrase().kind() != Kind.OUTAGE) {
                out.add(c);
                continue;
            }
            if (c.words().endsWith("down")
                    && c.to() < tokens.size()
                    && tokens.get(c.to()).text().chars().allMatch(Character::isDigit)) {
                continue; // "Coinbase down 12%"
            }
            boolean after = false;
            boolean condition = false;
            for (int i = Math.max(0, c.from() - 3); i < c.from(); i++) {
                String w = tokens.get(i).text();
                after |= i >= c.from() - 2 && AFTER.contains(w) && OUTAGE_NOUNS.contains(c.words());
                condition |= CONDITIONS.contains(w)
                        && (i == 0 || !ASKING.contains(tokens.get(i - 1).text()));
            }
            if (after) {
                out.add(new Match(AFTER_OUTAGE, c.from(), c.to(), c.words()));
            } else if (condition) {
                out.add(new Match(CONDITION, c.from(), c.to(), c.words()));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static final Phrase DENIED_BACK = new Phrase(Kind.OUTAGE, "a denied back", List.of(), null, false);
    private static final Phrase AFTER_OUTAGE = new Phrase(Kind.BACK, "after an outage", List.of(), null, false);
    private static final Phrase CONDITION = new Phrase(Kind.HYPOTHETICAL, "a condition", List.of(), null, false);

    /** «ما يفتح», «مش بيحمل», «ما عم يرسل», "msh byfta7": a denied verb says the service does not do what it should. */
    private static List<Match> deniedVerbs(List<PostText.Token> tokens, List<Match> names) {
        var out = new ArrayList<Match>();
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).text();
            final int at = i;
            if (names.stream().anyMatch(n -> n.from() <= at && at < n.to())) {
                continue; // a word of a name («مايكروسوفت تيمز») is no verb
            }
            if (w.length() >= 5
                    && (w.startsWith("ماي") || w.startsWith("مات") || w.startsWith("ماك"))
                    && (FUSED_VERBS.contains(w.substring(3)) || FUSED_VERBS.contains(w.substring(4)))) {
                out.add(new Match(NEGATED_VERB, i, i + 1, w)); // «مايفتح», «ماتشتغل», «ماكيخدمش»
                continue;
            }
            if (!NEGATIONS.contains(w) || i + 1 >= tokens.size()) {
                continue;
            }
            int v = i + 1;
            if (CONTINUOUS.contains(tokens.get(v).text()) && v + 1 < tokens.size()) {
                v++;
            }
            String verb = tokens.get(v).text();
            boolean arabicVerb = verb.length() >= 3
                    && (verb.startsWith("ي")
                            || verb.startsWith("ت")
                            || verb.startsWith("بي")
                            || verb.startsWith("بت")
                            || verb.startsWith("كي")
                            || verb.startsWith("كت"))
                    && !IDLE_VERBS.contains(verb);
            boolean latinVerb = w.chars().allMatch(c -> c < 0x80)
                    && verb.length() >= 4
                    && (verb.startsWith("y") || verb.startsWith("by") || verb.startsWith("bi") || verb.startsWith("bt"))
                    && verb.chars().anyMatch(Character::isDigit);
            if (arabicVerb || latinVerb) {
                var words = new StringBuilder(w);
                for (int j = i + 1; j <= v; j++) {
                    words.append(' ').append(tokens.get(j).text());
                }
                out.add(new Match(NEGATED_VERB, i, v + 1, words.toString()));
            }
        }
        return out;
    }

    /** 2 for a name whose last word is an outage word, 1 for one with an outage word before a "back", 0 else. */
    private static int score(List<Match> cues) {
        Match last = cues.stream().max(Comparator.comparingInt(Match::from)).orElse(null);
        if (last == null) {
            return 0;
        }
        return last.phrase().kind() == Kind.OUTAGE
                ? 2
                : cues.stream().anyMatch(c -> c.phrase().kind() == Kind.OUTAGE) ? 1 : 0;
    }

    private Verdict decide(
            Post post,
            String text,
            List<Match> mine,
            List<Match> cues,
            Map<Kind, Match> flags,
            String about,
            boolean unnamed) {
        Match lastOutage = mine.stream()
                .filter(c -> c.phrase().kind() == Kind.OUTAGE)
                .max(Comparator.comparingInt(Match::from))
                .orElse(null);
        Match lastBack = mine.stream()
                .filter(c -> c.phrase().kind() == Kind.BACK)
                .max(Comparator.comparingInt(Match::from))
                .orElse(null);
        if (lastOutage == null) {
            return no(
                    lastBack != null
                            ? "says it works: «" + lastBack.words() + "»"
                            : first(cues, Kind.HYPOTHETICAL) != null
                                    ? "hypothetical: «"
                                            + first(cues, Kind.HYPOTHETICAL).words() + "»"
                                    : cues.stream().anyMatch(c -> c.phrase().kind() == Kind.IDIOM)
                                            ? "«" + first(cues, Kind.IDIOM).words() + "» is an idiom, not an outage"
                                            : "no word of an outage",
                    about);
        }
        String outageWords = "«" + lastOutage.words() + "»";
        if (unnamed && !flags.containsKey(Kind.TARGET)) {
            return no(outageWords + " about no service, and not about the internet", about);
        }
        String read = text.length() > PostText.MAX_CHARS ? text.substring(0, PostText.MAX_CHARS) : text;
        // "down" only in quotes (someone quoted, or irony) is no report, unless it is also said outside them
        if (!DOWN.matcher(QUOTED.matcher(read).replaceAll(" ")).find()) {
            Matcher quoted = QUOTED.matcher(read);
            while (quoted.find()) {
                if (DOWN.matcher(quoted.group()).find()) {
                    return no("«down» in quotes: " + quoted.group(), about);
                }
            }
        }
        Match hypothetical = first(cues, Kind.HYPOTHETICAL);
        if (hypothetical != null) {
            return no("hypothetical: «" + hypothetical.words() + "»", about);
        }
        if (lastBack != null && lastBack.from() > lastOutage.from()) {
            return no("back: «" + lastBack.words() + "» after " + outageWords, about);
        }
        if (flags.containsKey(Kind.OLD)) {
            return no("a past event: «" + flags.get(Kind.OLD).words() + "»", about);
        }
        int year = post.time() == null ? -1 : post.time().atZone(ZoneOffset.UTC).getYear();
        Matcher y = YEAR.matcher(read);
        while (year > 0 && y.find()) {
            if (Integer.parseInt(y.group(2)) < year) {
                return no("a past event: " + y.group(1), about);
            }
        }
        if (flags.containsKey(Kind.AD)) {
            return no("an advertisement: «" + flags.get(Kind.AD).words() + "»", about);
        }
        Match widespread = flags.get(Kind.WIDESPREAD);
        if (widespread == null && flags.containsKey(Kind.NEWS)) {
            return no("news about the company: «" + flags.get(Kind.NEWS).words() + "»", about);
        }
        if (widespread == null && flags.containsKey(Kind.OWN)) {
            return no(
                    "the author's own device or account: «"
                            + flags.get(Kind.OWN).words() + "»",
                    about);
        }
        String why = "outage: " + outageWords + (widespread == null ? "" : ", others too: «" + widespread.words() + "»")
                + "; " + about;
        return new Verdict(post.id(), null, true, why, null);
    }

    private static Verdict no(String reason, String about) {
        return new Verdict(null, null, false, "not an outage: " + reason + "; " + about, null);
    }

    private static Match first(List<Match> matches, Kind kind) {
        return matches.stream()
                .filter(m -> m.phrase().kind() == kind)
                .findFirst()
                .orElse(null);
    }

    /** An everyday word names the service when tagged, capitalised, beside "app", or near an outage word. */
    private static boolean named(Match n, List<PostText.Token> tokens, List<Match> cues, List<Match> all) {
        PostText.Token t = tokens.get(n.from());
        if (t.folded() && t.text().length() <= 2) {
            return false; // "xxx" signs a post off; it does not name X
        }
        if (t.tagged() || t.capital()) {
            return true;
        }
        for (Match m : all) {
            if (m.phrase().kind() == Kind.APP && m.distance(n) <= 1) {
                return true;
            }
        }
        for (Match c : cues) {
            if ((c.phrase().kind() == Kind.OUTAGE || c.phrase().kind() == Kind.BACK) && c.distance(n) < NEAR) {
                return true;
            }
        }
        return false;
    }

    /** Hashtags that run a name and an outage word together ("#whatsappdown") become two words. */
    private List<PostText.Token> split(List<PostText.Token> tokens) {
        List<PostText.Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            PostText.Token t = tokens.get(i);
            List<PostText.Token> parts = null;
            String w = t.text();
            if (w.length() > 4 && w.chars().allMatch(c -> c < 0x250)) {
                for (int k = w.length() - 2; k >= 3 && parts == null; k--) {
                    if (latinNames.contains(w.substring(0, k)) && TAILS.contains(w.substring(k))) {
                        parts = PostText.tokens(w.substring(0, k) + " " + w.substring(k)).stream()
                                .map(p -> new PostText.Token(p.text(), p.forms(), true, t.capital()))
                                .toList();
                    }
                }
            }
            if (parts != null && out == null) {
                out = new ArrayList<>(tokens.subList(0, i));
            }
            if (out != null) {
                if (parts != null) {
                    out.addAll(parts);
                } else {
                    out.add(t);
                }
            }
        }
        return out == null ? tokens : out;
    }

    private List<Match> matches(List<PostText.Token> tokens) {
        var out = new ArrayList<Match>();
        for (int i = 0; i < tokens.size(); i++) {
            for (Phrase p : lexicon.startingWith(tokens.get(i).forms())) {
                int n = p.words().size();
                if (i + n > tokens.size()) {
                    continue;
                }
                boolean all = true;
                for (int j = 1; j < n && all; j++) {
                    all = meets(p.words().get(j), tokens.get(i + j).forms());
                }
                if (all) {
                    var words = new StringBuilder();
                    for (int j = i; j < i + n; j++) {
                        words.append(j > i ? " " : "").append(tokens.get(j).text());
                    }
                    out.add(new Match(p, i, i + n, words.toString()));
                }
            }
        }
        return out;
    }

    private static boolean meets(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** The longest matches that do not overlap, longest first, then by position. */
    private static List<Match> longestFirst(List<Match> matches) {
        var sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingInt(Match::length).reversed().thenComparingInt(Match::from));
        var kept = new ArrayList<Match>();
        for (Match m : sorted) {
            if (kept.stream().noneMatch(k -> k.from() < m.to() && m.from() < k.to())) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(Match::from));
        return kept;
    }

    /** Arabic script, English, or Arabic in Latin letters with digits for its sounds (wa2ef, 3ala). */
    static String language(String text, List<PostText.Token> tokens) {
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC) {
                arabic++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                latin++;
            }
        }
        if (arabic > latin) {
            return "ar";
        }
        for (PostText.Token t : tokens) {
            if (t.text().matches(".*[a-z].*")
                    && t.text().matches(".*[a-z][235679]|[235679][a-z].*|.*[a-z][235679][a-z].*")) {
                return "arabizi";
            }
        }
        return "en";
    }
}
