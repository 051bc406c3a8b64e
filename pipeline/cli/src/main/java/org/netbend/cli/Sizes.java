package org.netbend.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses --size WxH; null means "the model's size" (0x0 in the request). */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

    private Sizes() { }

    static int[] parse(String text) {
        if (text == null) {
            return new int[] {0, 0};
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new UserError("--size must look like 512x512, got '" + text + "'");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if (width < 8 || height < 8 || width % 8 != 0 || height % 8 != 0) {
            throw new UserError("--size must be multiples of 8 (the latent is 1/8 of the image), got " + text);
        }
        return new int[] {width, height};
    }
}
