package org.netbend.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into stages and instructions, enough to check our own rules: comments and parser
 * directives dropped, continuation lines joined, the global ARG defaults substituted into FROM.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

    record Instruction(String keyword, String args, int line) { }

    record Stage(int index, String name, String from, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The value an ENV instruction of this stage sets for {@code name}, with quotes removed. */
        Optional<String> env(String name) {
            String value = null;
            Pattern p = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "=(\"[^\"]*\"|\\S+)");
            for (Instruction i : all("ENV")) {
                Matcher m = p.matcher(i.args());
                if (m.find()) {
                    value = m.group(1).replaceAll("^\"|\"$", "");
                }
            }
            return Optional.ofNullable(value);
        }

        /** Names every ENV instruction of the stage sets. */
        List<String> envNames() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=").matcher("");
            for (Instruction i : all("ENV")) {
                m.reset(i.args());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        }

        Optional<String> lastUser() {
            List<Instruction> users = all("USER");
            return users.isEmpty() ? Optional.empty() : Optional.of(users.get(users.size() - 1).args().trim());
        }

        String runText() {
            StringBuilder b = new StringBuilder();
            all("RUN").forEach(i -> b.append(i.args()).append('\n'));
            return b.toString();
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, String> globals = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
                continue; // comments (also inside continued instructions) and parser directives
            }
            if (pending.length() == 0) {
                start = n + 1;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().trim();
            pending.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "", start);
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.args().split("\\s+");
                String image = substitute(from[0], globals);
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                current = new ArrayList<>();
                stages.add(new Stage(stages.size(), name, image, current));
            } else if (current == null) {
                if (instruction.keyword().equals("ARG")) {
                    String[] kv = instruction.args().split("=", 2);
                    globals.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
                }
            } else {
                current.add(instruction);
            }
        }
        return new Dockerfile(Map.copyOf(globals), List.copyOf(stages));
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
