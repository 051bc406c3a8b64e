package org.netbend.render.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Site names from the scopes a diffusers export gives its nodes: {@code /down_blocks.1/resnets.0/conv1/Conv}
 * belongs to {@code down.1} and {@code down.1.res.0}; {@code /mid_block/attentions.0/...} to {@code mid} and
 * {@code mid.attn.0}; {@code /up_blocks.2/attentions.1/...} to {@code up.2} and {@code up.2.attn.1}.
 */
final class SiteNames {
    private static final Pattern BLOCK = Pattern.compile("(down_blocks|up_blocks)\\.(\\d+)|mid_block");
    private static final Pattern PART = Pattern.compile("(attentions|resnets)\\.(\\d+)");

    /** down.0, down.0.attn.0, down.0.res.0, down.1, ..., mid, mid.attn.0, ..., up.0, ... */
    static final java.util.Comparator<String> UNET_ORDER = java.util.Comparator.comparing(SiteNames::orderKey);

    private SiteNames() { }

    private static String orderKey(String site) {
        String[] parts = site.split("\\.");
        StringBuilder key = new StringBuilder(switch (parts[0]) {
            case "down" -> "0";
            case "mid" -> "1";
            default -> "2";
        });
        for (int i = 1; i < parts.length; i++) {
            key.append(parts[i].matches("\\d+") ? String.format("%04d", Integer.parseInt(parts[i])) : parts[i]);
        }
        return key.toString();
    }

    /** The sites a node belongs to, outermost first; empty for nodes outside the blocks. */
    static List<String> of(String nodeName) {
        String[] scopes = nodeName.startsWith("/") ? nodeName.substring(1).split("/") : new String[0];
        List<String> sites = new ArrayList<>(2);
        if (scopes.length < 2) {
            return sites; // the last part is the op's own name, not a scope
        }
        Matcher block = BLOCK.matcher(scopes[0]);
        if (!block.matches()) {
            return sites;
        }
        String site = block.group(1) == null ? "mid" : (block.group(1).startsWith("down") ? "down." : "up.") + block.group(2);
        sites.add(site);
        if (scopes.length >= 3) {
            Matcher part = PART.matcher(scopes[1]);
            if (part.matches()) {
                sites.add(site + (part.group(1).equals("attentions") ? ".attn." : ".res.") + part.group(2));
            }
        }
        return sites;
    }
}
