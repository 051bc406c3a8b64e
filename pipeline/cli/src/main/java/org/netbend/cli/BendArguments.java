package org.netbend.cli;

import java.util.ArrayList;
import java.util.List;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendSpecException;

/** Parses --bend values, naming the offending one in the error and marking the offending part under it. */
final class BendArguments {
    private BendArguments() { }

    static List<BendSpec> parse(List<String> texts) {
        List<BendSpec> parsed = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                parsed.add(BendParser.parse(text));
            } catch (BendSpecException e) {
                throw new UserError("--bend \"" + Shown.value(text) + "\": " + e.getMessage(), marked(text, e));
            } catch (IllegalArgumentException e) {
                throw new UserError("--bend \"" + Shown.value(text) + "\": " + e.getMessage());
            }
        }
        return parsed;
    }

    /**
     * The bend with carets under the span of the error, e.g.
     * <pre>
     *   add@40=rms[0..x]
     *                 ^
     * </pre>
     * or null when the error has no span, or the text is not shown as it is (escaped or cut), so carets could not
     * line up.
     */
    static String marked(String text, BendSpecException e) {
        if (!e.hasSpan() || !Shown.value(text).equals(text) || text.contains("\n")) {
            return null;
        }
        return e.marked(text);
    }
}
