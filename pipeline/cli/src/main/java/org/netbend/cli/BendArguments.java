package org.netbend.cli;

import java.util.ArrayList;
import java.util.List;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;

/** Parses --bend values, naming the offending one in the error. */
final class BendArguments {
    private BendArguments() { }

    static List<BendSpec> parse(List<String> texts) {
        List<BendSpec> parsed = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                parsed.add(BendParser.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserError("--bend \"" + Shown.value(text) + "\": " + e.getMessage());
            }
        }
        return parsed;
    }
}
