package org.netbend.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** docs/operations.md as an operator reads it: its text, and the commands of its code blocks in order. */
record Guide(String text, List<String> commands) {
    static Guide read() throws IOException {
        String text = Files.readString(Repo.path("docs/operations.md"));
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("    ")) {
                continue;
            }
            String part = line.strip().replaceAll("\\s+#\\s.*$", ""); // a trailing comment
            if (command.isEmpty() && (part.startsWith("#") || part.isEmpty())) {
                continue;
            }
            boolean continues = part.endsWith("\\");
            command.append(continues ? part.substring(0, part.length() - 1) : part).append(continues ? " " : "");
            if (!continues) {
                commands.add(command.toString().replaceAll("\\s+", " ").strip());
                command.setLength(0);
            }
        }
        return new Guide(text, List.copyOf(commands));
    }

    List<Integer> indexesOf(String prefix) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                found.add(i);
            }
        }
        return found;
    }
}
