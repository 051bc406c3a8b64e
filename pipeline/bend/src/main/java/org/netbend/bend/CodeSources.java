package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netbend.core.FeatureNames;

/**
 * The source group {@code code(a..b)[RANGE]|MODIFIERS}: one source per code component a..b, each with the same
 * range and modifiers, so a learned operator that takes many parameters reads as one
 * ({@code code-matrix@40=code(0..5)}).
 */
final class CodeSources {
    private static final Pattern GROUP = Pattern.compile("code\\((\\d{1,3})\\.\\.(\\d{1,3})\\)(@[a-z0-9_-]+)?(.*)");

    private CodeSources() { }

    static boolean isGroup(String source) {
        return GROUP.matcher(source).matches();
    }

    /** The sources with every group replaced by its members, in order. */
    static List<String> expand(List<String> sources) {
        List<String> out = new ArrayList<>();
        for (String source : sources) {
            Matcher m = GROUP.matcher(source);
            if (!m.matches()) {
                out.add(source);
                continue;
            }
            int first = Integer.parseInt(m.group(1));
            int last = Integer.parseInt(m.group(2));
            if (last < first || last >= FeatureNames.MAX_CODE_DIMENSIONS) {
                throw new BendSpecException("bad code group '" + source + "': write code(a..b) with 0 <= a <= b <= "
                        + (FeatureNames.MAX_CODE_DIMENSIONS - 1));
            }
            String stem = m.group(3) == null ? "" : m.group(3);
            for (int i = first; i <= last; i++) {
                out.add(FeatureNames.code(i) + stem + m.group(4));
            }
        }
        return out;
    }

    /**
     * Where each expanded source was written: {@code n} starts, then {@code n} lengths (a group's members all
     * get the group's span), for error spans.
     */
    static int[] starts(List<String> written, int sourcesAt) {
        List<int[]> spans = new ArrayList<>();
        int at = sourcesAt;
        for (String source : written) {
            int count = 1;
            Matcher m = GROUP.matcher(source);
            if (m.matches()) {
                count = Math.max(1, Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)) + 1);
            }
            for (int i = 0; i < count; i++) {
                spans.add(new int[] {at, source.length()});
            }
            at += source.length() + 1;
        }
        int[] out = new int[spans.size() * 2];
        for (int i = 0; i < spans.size(); i++) {
            out[i] = spans.get(i)[0];
            out[spans.size() + i] = spans.get(i)[1];
        }
        return out;
    }
}
