package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every help page read at 80 columns, as a new user's terminal shows it: no line wider (so no example wraps inside
 * a quoted argument and a copied line stays whole), no picocli placeholder such as {@code <chainOverlap>}, every
 * option described with its default where it has one, every command with examples, and each command's one-line
 * summary in {@code netbend --help} a whole sentence.
 */
class HelpTextTest {
    private static final int COLUMNS = 80;
    private static final Pattern PLACEHOLDER = Pattern.compile("=<[a-z][A-Za-z]*>|<[a-z]+[A-Z][A-Za-z]*>");

    private static CommandLine netbend() {
        return new CommandLine(new NetbendCommand()).setUsageHelpWidth(COLUMNS);
    }

    @Test
    void everyHelpPageFitsEightyColumnsWithoutPlaceholders() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : netbend().getSubcommands().entrySet()) {
            String help = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            help.lines().filter(line -> line.length() > COLUMNS)
                    .forEach(line -> problems.add(command.getKey() + ": " + line.length() + " columns: " + line));
            Matcher placeholder = PLACEHOLDER.matcher(help);
            while (placeholder.find()) {
                problems.add(command.getKey() + ": placeholder " + placeholder.group());
            }
            if (!help.contains("Example")) {
                problems.add(command.getKey() + ": no examples");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyOptionHasADescriptionAndItsDefault() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : netbend().getSubcommands().entrySet()) {
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                String text = String.join(" ", option.description());
                if (text.isBlank()) {
                    problems.add(command.getKey() + " " + option.longestName() + ": no description");
                }
                boolean valued = option.arity().max() > 0 && !option.isMultiValue() && !option.required();
                if (valued && option.defaultValue() != null && !text.contains("default")) {
                    problems.add(command.getKey() + " " + option.longestName() + ": its default is not said");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theCommandListShowsWholeSummaries() {
        String help = netbend().getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (Map.Entry<String, CommandLine> command : netbend().getSubcommands().entrySet()) {
            String[] header = command.getValue().getCommandSpec().usageMessage().header();
            assertTrue(header.length == 1 && header[0].endsWith("."), command.getKey() + ": a one-sentence header");
        }
        assertFalse(help.lines().anyMatch(line -> line.length() > COLUMNS), help);
    }

    /** A long usage line is the command's own synopsis, so no token such as OUT.mp4|DIR is split across lines. */
    @Test
    void usageLinesKeepTheirTokensWhole() {
        for (Map.Entry<String, CommandLine> command : netbend().getSubcommands().entrySet()) {
            String usage = command.getValue().getHelp().synopsis(0);
            for (String line : usage.lines().toList()) {
                assertFalse(line.matches(".*[.:/|]$") || line.strip().matches("^[.:/|a-z].*") && !line.strip()
                        .startsWith("netbend"), command.getKey() + ": a usage line breaks a token: '" + line + "'\n"
                        + usage);
            }
        }
    }
}
