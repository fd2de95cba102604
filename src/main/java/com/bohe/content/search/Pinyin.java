package com.bohe.content.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/** Pinyin of Chinese names, for matching what users type on a Latin keyboard: 面瘫 is miantan, or mt. */
public final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Pinyin() {
    }

    /** The first reading of a Chinese character, e.g. 瘫 → tan; null for anything else. */
    public static String syllable(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
            return null;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0].replaceAll("[^a-z]", "");
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every reading of a Chinese character, first the usual one, without tones: 血 → xue, xie; empty for anything else. */
    public static List<String> readings(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
            return List.of();
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            if (readings == null) {
                return List.of();
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String reading : readings) {
                String plain = reading.replaceAll("[^a-z]", "");
                if (!plain.isEmpty()) {
                    distinct.add(plain);
                }
            }
            return List.copyOf(distinct);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One way to spell a text in pinyin: in full and by initials, with where each character's spelling starts in
     * each (-1 for a character that is not spelled, such as punctuation).
     */
    public record Spelling(String full, String initials, int[] fullStarts, int[] initialStarts) {

        /** How many characters of the text a typed prefix of one of the two spellings covers. */
        public int covered(String prefix, boolean byInitials) {
            int[] starts = byInitials ? initialStarts : fullStarts;
            int covered = 0;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] >= 0 && starts[i] < prefix.length()) {
                    covered = i + 1;
                }
            }
            return covered;
        }
    }

    /**
     * The spellings of a text with every reading of its characters (血 in 贫血: pinxue and pinxie), the first
     * reading first, at most {@code max} of them: characters met when the combinations would exceed it keep their
     * first reading only. The text is taken as given (lower-case it first); Latin letters and digits spell
     * themselves.
     */
    public static List<Spelling> spellings(String text, int max) {
        List<List<String>> perChar = new ArrayList<>(text.length());
        int combinations = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            List<String> readings = readings(c);
            if (readings.isEmpty()) {
                readings = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? List.of(String.valueOf(c)) : List.of("");
            } else if (combinations * readings.size() > max) {
                readings = readings.subList(0, 1);
            }
            combinations *= readings.size();
            perChar.add(readings);
        }
        List<int[]> choices = new ArrayList<>();
        choices.add(new int[text.length()]);
        for (int i = 0; i < text.length(); i++) {
            int n = perChar.get(i).size();
            if (n > 1) {
                List<int[]> more = new ArrayList<>();
                for (int[] choice : choices) {
                    for (int r = 0; r < n; r++) {
                        int[] copy = choice.clone();
                        copy[i] = r;
                        more.add(copy);
                    }
                }
                choices = more;
            }
        }
        List<Spelling> spellings = new ArrayList<>(choices.size());
        for (int[] choice : choices) {
            StringBuilder full = new StringBuilder();
            StringBuilder initials = new StringBuilder();
            int[] fullStarts = new int[text.length()];
            int[] initialStarts = new int[text.length()];
            for (int i = 0; i < text.length(); i++) {
                String syllable = perChar.get(i).get(choice[i]);
                fullStarts[i] = syllable.isEmpty() ? -1 : full.length();
                initialStarts[i] = syllable.isEmpty() ? -1 : initials.length();
                full.append(syllable);
                if (!syllable.isEmpty()) {
                    initials.append(syllable.charAt(0));
                }
            }
            spellings.add(new Spelling(full.toString(), initials.toString(), fullStarts, initialStarts));
        }
        return spellings;
    }

    /** 面瘫 → miantan; Latin letters and digits are kept, lower-cased. */
    public static String full(String text) {
        return spell(text, false);
    }

    /** 面瘫 → mt. */
    public static String initials(String text) {
        return spell(text, true);
    }

    private static String spell(String text, boolean initials) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            String syllable = syllable(c);
            if (syllable != null && !syllable.isEmpty()) {
                out.append(initials ? syllable.substring(0, 1) : syllable);
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
