package com.bohe.content.suggest;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BiFunction;

import com.bohe.content.editing.ContentKind;
import com.bohe.content.search.Pinyin;

/**
 * What can be suggested, on the heap, in one fixed order: by kind (diseases, doctors, hospitals, articles), then
 * popularity, then length, then id. An entry's place in that order is its number, so the best matches are the
 * lowest numbers that match:
 * <ul>
 * <li>typed characters match anywhere in a name or title (头痛 finds 偏头痛): the entries holding the query's
 * rarest character, in order, each checked for the whole query;</li>
 * <li>typed Latin letters match the start of a name's pinyin, in full (miant) or by initials (mt): a sorted array
 * of spellings, every reading of a character with several (up to {@link #NAME_SPELLINGS} combinations per name,
 * {@link #TITLE_SPELLINGS} per title; characters beyond keep their first reading), cut at
 * {@link #KEY_LENGTH} letters.</li>
 * </ul>
 * Pinyin is matched only for Latin input, never between characters: 经典 does not suggest 景点.
 */
final class SuggestIndex {

    static final int NAME_SPELLINGS = 16;
    static final int TITLE_SPELLINGS = 4;
    static final int KEY_LENGTH = 24;

    /** The kinds in the order suggested. */
    static final List<ContentKind> ORDER = List.of(ContentKind.DISEASE, ContentKind.DOCTOR, ContentKind.HOSPITAL,
            ContentKind.ARTICLE);

    /**
     * One thing that can be suggested.
     *
     * @param texts what it answers to, its name first (a disease's aliases after it)
     * @param publicFrom when it becomes public (a scheduled article); null for always
     */
    record Entry(ContentKind kind, long id, String slug, List<String> texts, long popularity, Instant publicFrom) {

        String name() {
            return texts.get(0);
        }
    }

    /** A suggestion: the entry and its name with what matched in {@code <em>}, HTML-escaped. */
    record Match(Entry entry, String highlight) {
    }

    static final Comparator<Entry> RANK = Comparator.<Entry>comparingInt(e -> ORDER.indexOf(e.kind()))
            .thenComparing(Comparator.comparingLong(Entry::popularity).reversed())
            .thenComparingInt(e -> e.name().length())
            .thenComparingLong(Entry::id);

    private final Entry[] entries;
    /** Each entry's texts normalised (NFKC, lower case); the same string where nothing changed. */
    private final String[][] normalised;
    private final Map<Character, int[]> postings;
    private final String[] keys;
    private final int[] keyEntries;
    /** Per key: the text it spells (bits 1 and up) and whether by initials (bit 0). */
    private final int[] keyWhat;

    private SuggestIndex(Entry[] entries, String[][] normalised, Map<Character, int[]> postings, String[] keys,
            int[] keyEntries, int[] keyWhat) {
        this.entries = entries;
        this.normalised = normalised;
        this.postings = postings;
        this.keys = keys;
        this.keyEntries = keyEntries;
        this.keyWhat = keyWhat;
    }

    int size() {
        return entries.length;
    }

    static String normalise(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return n.equals(text) ? text : n;
    }

    /** The query as Latin letters and digits for pinyin, when that is all it holds (spaces and ' dropped); else null. */
    static String latin(String normalisedQuery) {
        String latin = normalisedQuery.replaceAll("[\\s'-]", "");
        return !latin.isEmpty() && latin.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? latin : null;
    }

    /** Builds the index; {@code spell} gives a text's spellings, at most so many ({@link Pinyin#spellings}, or a cache of it). */
    static SuggestIndex build(List<Entry> unordered, BiFunction<String, Integer, List<Pinyin.Spelling>> spell) {
        Entry[] entries = unordered.toArray(Entry[]::new);
        Arrays.sort(entries, RANK);
        String[][] normalised = new String[entries.length][];
        Map<Character, IntList> postings = new HashMap<>();
        List<String> keys = new ArrayList<>();
        IntList keyEntries = new IntList();
        IntList keyWhat = new IntList();
        Set<String> seen = new HashSet<>();
        for (int e = 0; e < entries.length; e++) {
            Entry entry = entries[e];
            normalised[e] = new String[entry.texts().size()];
            seen.clear();
            Set<Character> chars = new HashSet<>();
            for (int t = 0; t < entry.texts().size(); t++) {
                String text = normalise(entry.texts().get(t));
                normalised[e][t] = text;
                for (int i = 0; i < text.length(); i++) {
                    if (!Character.isWhitespace(text.charAt(i))) {
                        chars.add(text.charAt(i));
                    }
                }
                int max = entry.kind() == ContentKind.ARTICLE ? TITLE_SPELLINGS : NAME_SPELLINGS;
                for (Pinyin.Spelling spelling : spell.apply(text, max)) {
                    for (int initials = 0; initials < 2; initials++) {
                        String key = initials == 1 ? spelling.initials() : spelling.full();
                        key = key.length() > KEY_LENGTH ? key.substring(0, KEY_LENGTH) : key;
                        if (!key.isEmpty() && seen.add(key)) {
                            keys.add(key);
                            keyEntries.add(e);
                            keyWhat.add(t << 1 | initials);
                        }
                    }
                }
            }
            for (char c : chars) {
                postings.computeIfAbsent(c, x -> new IntList()).add(e);
            }
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, String>comparing(keys::get).thenComparingInt(keyEntries::get));
        String[] sortedKeys = new String[order.length];
        int[] sortedEntries = new int[order.length];
        int[] sortedWhat = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sortedKeys[i] = keys.get(order[i]);
            sortedEntries[i] = keyEntries.get(order[i]);
            sortedWhat[i] = keyWhat.get(order[i]);
        }
        Map<Character, int[]> frozen = new HashMap<>(postings.size() * 2);
        postings.forEach((c, list) -> frozen.put(c, list.toArray()));
        return new SuggestIndex(entries, normalised, frozen, sortedKeys, sortedEntries, sortedWhat);
    }

    /** The best matches of a query, public at {@code now}, at most {@code limit}. */
    List<Match> find(String query, int limit, Instant now) {
        String q = normalise(query.strip());
        if (q.isEmpty()) {
            return List.of();
        }
        String latin = latin(q);
        return latin != null ? byPinyin(latin, q, limit, now) : byCharacters(q, limit, now);
    }

    private List<Match> byCharacters(String q, int limit, Instant now) {
        int[] rarest = null;
        for (int i = 0; i < q.length(); i++) {
            if (Character.isWhitespace(q.charAt(i))) {
                continue;
            }
            int[] list = postings.get(q.charAt(i));
            if (list == null) {
                return List.of();
            }
            if (rarest == null || list.length < rarest.length) {
                rarest = list;
            }
        }
        List<Match> matches = new ArrayList<>();
        if (rarest == null) {
            return matches;
        }
        for (int e : rarest) {
            if (!publicAt(entries[e], now)) {
                continue;
            }
            String[] texts = normalised[e];
            for (int t = 0; t < texts.length; t++) {
                int at = texts[t].indexOf(q);
                if (at >= 0) {
                    matches.add(new Match(entries[e], highlight(entries[e], t, at, at + q.length())));
                    break;
                }
            }
            if (matches.size() == limit) {
                break;
            }
        }
        return matches;
    }

    private List<Match> byPinyin(String latin, String q, int limit, Instant now) {
        String key = latin.length() > KEY_LENGTH ? latin.substring(0, KEY_LENGTH) : latin;
        int from = lowerBound(key);
        // The best entries are the lowest numbers: keep the limit lowest, with the key that matched each first.
        PriorityQueue<int[]> best = new PriorityQueue<>((a, b) -> Integer.compare(b[0], a[0]));
        Map<Integer, Integer> chosen = new HashMap<>();
        for (int i = from; i < keys.length && keys[i].startsWith(key); i++) {
            int e = keyEntries[i];
            if (chosen.containsKey(e) || best.size() == limit && e > best.peek()[0] || !publicAt(entries[e], now)
                    || latin.length() > KEY_LENGTH && covered(e, keyWhat[i], latin) == 0) {
                continue;
            }
            best.add(new int[] { e, i });
            chosen.put(e, i);
            if (best.size() > limit) {
                chosen.remove(best.poll()[0]);
            }
        }
        List<int[]> ordered = new ArrayList<>(best);
        ordered.sort(Comparator.comparingInt(a -> a[0]));
        List<Match> matches = new ArrayList<>(ordered.size());
        for (int[] hit : ordered) {
            Entry entry = entries[hit[0]];
            int what = keyWhat[hit[1]];
            int covered = covered(hit[0], what, latin);
            matches.add(new Match(entry, highlight(entry, what >> 1, 0, Math.max(covered, 1))));
        }
        return matches;
    }

    /** How many characters of the text a key spelled the typed letters cover: 0 when no spelling starts with them. */
    private int covered(int e, int what, String latin) {
        Entry entry = entries[e];
        boolean initials = (what & 1) == 1;
        int max = entry.kind() == ContentKind.ARTICLE ? TITLE_SPELLINGS : NAME_SPELLINGS;
        for (Pinyin.Spelling spelling : Pinyin.spellings(normalised[e][what >> 1], max)) {
            if ((initials ? spelling.initials() : spelling.full()).startsWith(latin)) {
                return spelling.covered(latin, initials);
            }
        }
        return 0;
    }

    private int lowerBound(String key) {
        int low = 0;
        int high = keys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keys[mid].compareTo(key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean publicAt(Entry entry, Instant now) {
        return entry.publicFrom() == null || !entry.publicFrom().isAfter(now);
    }

    /**
     * The entry's name with characters [from, to) of its text t in {@code <em>}; a match in an alias shows the
     * name and the alias after it, 面瘫（<em>面神经</em>麻痹）.
     */
    private static String highlight(Entry entry, int t, int from, int to) {
        String text = entry.texts().get(t);
        if (normalise(text).length() != text.length()) {
            return escape(t == 0 ? text : entry.name() + "（" + text + "）");
        }
        int end = Math.min(to, text.length());
        String marked = escape(text.substring(0, from)) + "<em>" + escape(text.substring(from, end)) + "</em>"
                + escape(text.substring(end));
        return t == 0 ? marked : escape(entry.name()) + "（" + marked + "）";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
