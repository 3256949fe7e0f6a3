package org.epicenter.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A memory of contexts: "after these facts, those facts followed". It is the idea of the Contextual
 * Anomaly Detector (CAD OSE, Smirnov and Petrosyan, 2016, third in NAB's published table), written
 * here afresh for Java.
 *
 * <p>Each step brings a set of facts (small non-negative integers, below {@link #NEURON_BASE}). A
 * context pairs a left semi-context (facts of the previous step, plus the contexts that were active
 * then, as "neuron" facts) with a right one (facts of this step). A step:
 * <ol>
 *   <li>stores the whole previous-step/this-step pair as a zero-level context, if new;</li>
 *   <li>looks at every context whose left part was fully present at the previous step (the
 *       <em>selected</em> ones) and counts those whose right part is fully present now (the
 *       <em>active</em> ones). Few active among the selected means the past did not predict this;</li>
 *   <li>when the zero-level pair was new, proposes as new contexts the overlaps between zero-level
 *       contexts and what is present, and counts how many of the proposals were really new;</li>
 *   <li>feeds the most used active contexts forward as facts of the next left part;</li>
 *   <li>foretells the next step: the right parts of the contexts, among those whose left part is
 *       now fully present, that came true most often so far ({@link #predicted}).</li>
 * </ol>
 * {@link #step} returns both shares; {@link ContextDetector} turns them into a score.
 */
final class ContextMemory {
    /** Facts at or above this are active contexts fed forward ("neurons"). */
    static final int NEURON_BASE = 1 << 20;

    private final int maxLeftLength;
    private final int maxActive;
    /** [0] left, [1] right. */
    @SuppressWarnings("unchecked")
    private final Map<Key, Semi>[] semis = new Map[] {new HashMap<>(), new HashMap<>()};

    @SuppressWarnings("unchecked")
    private final Map<Integer, List<Semi>>[] byFact = new Map[] {new HashMap<>(), new HashMap<>()};

    @SuppressWarnings("unchecked")
    private final List<Semi>[] crossed = new List[] {new ArrayList<>(), new ArrayList<>()};
    /** How many contexts exist; the next one's id. */
    private int contextCount;

    private int[] left = new int[0];
    /** The facts the last step expected next. */
    private final Set<Integer> predicted = new HashSet<>();

    ContextMemory(int maxLeftLength, int maxActive) {
        this.maxLeftLength = maxLeftLength;
        this.maxActive = maxActive;
    }

    /** The two shares of one step: [active among selected, new among proposed]. */
    double[] step(int[] facts) {
        int[] current = Arrays.stream(facts).distinct().sorted().toArray();
        Set<Key> proposed = new HashSet<>();
        Context fresh = null;
        boolean zeroLevelNew = false;
        if (left.length > 0 && current.length > 0) {
            Key l = new Key(left);
            Key r = new Key(current);
            proposed.add(pair(l, r));
            Semi ls = semi(0, l);
            Semi rs = semi(1, r);
            Context c = ls.contexts.get(rs.id);
            if (c == null) {
                fresh = add(ls, rs, true);
                zeroLevelNew = true;
            } else if (!c.zeroLevel) {
                c.zeroLevel = true;
                int at = Collections.binarySearch(ls.zeroLevels, c, Comparator.comparingInt(x -> x.id));
                ls.zeroLevels.add(-at - 1, c);
            }
        }
        cross(1, current);

        List<Semi> wholeRights = new ArrayList<>();
        for (Semi rs : crossed[1]) {
            if (rs.matched == rs.facts.length) {
                wholeRights.add(rs);
            }
        }
        int activeCount = 0;
        Context[] top = new Context[maxActive]; // the most used active contexts, least used first
        int topSize = 0;
        List<Key[]> proposals = new ArrayList<>();
        int selected = 0;
        for (Semi ls : crossed[0]) {
            boolean leftWhole = ls.matched == ls.facts.length;
            if (leftWhole) {
                // selected: every context of this left part; active: those whose right part is here too
                selected += ls.contexts.size() - (fresh != null && fresh.left == ls ? 1 : 0);
                for (Context c : ls.contexts.values()) {
                    if (c == fresh) {
                        continue;
                    }
                    // how much of what this context foretold came true
                    c.foretold += c.right.facts.length;
                    c.cameTrue += c.right.matched;
                }
                for (Semi rs : wholeRights) {
                    Context c = ls.contexts.get(rs.id);
                    if (c != null && c != fresh) {
                        c.count++;
                        activeCount++;
                        topSize = keep(top, topSize, c);
                    }
                }
            }
            if (!zeroLevelNew || ls.matched > maxLeftLength) {
                continue; // no proposals from this left part
            }
            for (Context c : ls.zeroLevels) {
                Semi rs = c.right;
                if (c != fresh && rs.matched > 0 && !(leftWhole && rs.matched == rs.facts.length)) {
                    proposals.add(new Key[] {ls.matchedKey(), rs.matchedKey()});
                }
            }
        }
        for (Key[] p : proposals) {
            proposed.add(pair(p[0], p[1]));
        }
        double activeShare = selected > 0 ? activeCount / (double) selected : 0;

        int[] next = Arrays.copyOf(current, current.length + topSize);
        for (int i = 0; i < topSize; i++) {
            next[current.length + i] = NEURON_BASE + top[i].id;
        }
        Arrays.sort(next);
        left = next;

        int added = 0;
        for (Key[] p : proposals) {
            Semi ls = semi(0, p[0]);
            Semi rs = semi(1, p[1]);
            if (!ls.contexts.containsKey(rs.id)) {
                add(ls, rs, false);
                added++;
            }
        }
        cross(0, left);
        predict();
        if (zeroLevelNew) {
            added++;
        }
        double newShare = zeroLevelNew && !proposed.isEmpty() ? added / (double) proposed.size() : 0;
        return new double[] {activeShare, newShare};
    }

    /**
     * The facts the next step is expected to bring: the right parts of the contexts, among those
     * whose left part is fully present now, that came true most often so far (all of them, when none
     * ever did).
     */
    private void predict() {
        double best = 0;
        List<Context> bestOnes = new ArrayList<>();
        for (Semi ls : crossed[0]) {
            if (ls.matched != ls.facts.length) {
                continue;
            }
            for (Context c : ls.contexts.values()) {
                double w = c.foretold > 0 ? c.cameTrue / (double) c.foretold : 0;
                if (w > best) {
                    best = w;
                    bestOnes.clear();
                    bestOnes.add(c);
                } else if (w == best) {
                    bestOnes.add(c);
                }
            }
        }
        predicted.clear();
        for (Context c : bestOnes) {
            for (int f : c.right.facts) {
                predicted.add(f);
            }
        }
    }

    /** Whether the last step expected {@code fact} next. */
    boolean predicted(int fact) {
        return predicted.contains(fact);
    }

    /** Orders active contexts by use, then by their parts' age. */
    private static final Comparator<Context> BY_USE = Comparator.comparingInt((Context c) -> c.count)
            .thenComparingInt(c -> c.left.id)
            .thenComparingInt(c -> c.right.id);

    /** Keeps the {@code top.length} greatest contexts by {@link #BY_USE} in {@code top}, ascending. */
    private static int keep(Context[] top, int size, Context c) {
        if (size == top.length) {
            if (BY_USE.compare(c, top[0]) <= 0) {
                return size;
            }
            System.arraycopy(top, 1, top, 0, size - 1); // drop the least
            size--;
        }
        int at = size;
        while (at > 0 && BY_USE.compare(top[at - 1], c) > 0) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = c;
        return size + 1;
    }

    int contexts() {
        return contextCount;
    }

    /** [0] left, [1] right: every semi-context, by id. */
    @SuppressWarnings("unchecked")
    private final List<Semi>[] all = new List[] {new ArrayList<>(), new ArrayList<>()};

    private Semi semi(int side, Key key) {
        Semi s = semis[side].get(key);
        if (s == null) {
            s = new Semi(all[side].size(), key.facts);
            semis[side].put(key, s);
            all[side].add(s);
            for (int f : key.facts) {
                byFact[side].computeIfAbsent(f, k -> new ArrayList<>()).add(s);
            }
        }
        return s;
    }

    private Context add(Semi l, Semi r, boolean zeroLevel) {
        Context c = new Context(contextCount++, l, r, zeroLevel);
        l.contexts.put(r.id, c);
        if (zeroLevel) {
            l.zeroLevels.add(c); // the newest, so the list stays in id order
        }
        return c;
    }

    /** Marks, in every semi-context of one side, which of {@code facts} it holds. */
    private void cross(int side, int[] facts) {
        for (Semi s : crossed[side]) {
            s.matched = 0;
        }
        int touched = 0;
        for (int f : facts) {
            List<Semi> holders = byFact[side].get(f);
            if (holders == null) {
                continue;
            }
            for (Semi s : holders) {
                if (s.matched == 0) {
                    touched++;
                }
                s.matchedFacts[s.matched++] = f;
            }
        }
        // in id order (creation order), which decides the order of proposals and so new contexts' ids;
        // most semi-contexts hold some present fact, so a pass over all beats sorting the touched ones
        List<Semi> inOrder = new ArrayList<>(touched);
        for (Semi s : all[side]) {
            if (s.matched > 0) {
                inOrder.add(s);
            }
        }
        crossed[side] = inOrder;
    }

    private static Key pair(Key l, Key r) {
        int[] both = new int[l.facts.length + r.facts.length + 1];
        System.arraycopy(l.facts, 0, both, 0, l.facts.length);
        both[l.facts.length] = -1;
        System.arraycopy(r.facts, 0, both, l.facts.length + 1, r.facts.length);
        return new Key(both);
    }

    /** A sorted fact set as a map key. */
    private record Key(int[] facts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(facts, k.facts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(facts);
        }
    }

    private static final class Semi {
        final int id;
        final int[] facts;
        final int[] matchedFacts;
        int matched;
        /** Left side only: right semi-context id to the context they form. */
        final Map<Integer, Context> contexts = new HashMap<>();
        /** Left side only: its zero-level contexts, the only ones that propose, in id order. */
        final List<Context> zeroLevels = new ArrayList<>();

        Semi(int id, int[] facts) {
            this.id = id;
            this.facts = facts;
            this.matchedFacts = new int[facts.length];
        }

        Key matchedKey() {
            return new Key(Arrays.copyOf(matchedFacts, matched));
        }
    }

    private static final class Context {
        final int id;
        final Semi left;
        final Semi right;
        boolean zeroLevel;
        int count;
        /** Facts of the right part over the steps this context was selected, and how many of them came. */
        long foretold;

        long cameTrue;

        Context(int id, Semi left, Semi right, boolean zeroLevel) {
            this.id = id;
            this.left = left;
            this.right = right;
            this.zeroLevel = zeroLevel;
        }
    }
}
