package uk.gov.channelpolicy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;

/**
 * The {@code --rules DIR} option every subcommand mixes in: which rule set to decide with. Without
 * it, the built-in rule set that ships with this program.
 */
public final class RuleSetOption {
    /** The id of the precompiled rule set on this program's classpath. */
    public static final String BUILT_IN = "dh";

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Use the rule set in this directory (manifest.json, guidance text, .drl files), "
                    + "compiled at start-up, instead of the built-in rule set \"" + BUILT_IN + "\".")
    private Path directory;

    /**
     * The rule-set directory given on the command line.
     *
     * @return the directory, or {@code null} for the built-in rule set
     */
    public Path directory() {
        return directory;
    }

    /**
     * Loads the chosen rule set.
     *
     * @return the policy
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public ChannelPolicy load() {
        ChannelPolicy.Builder builder = ChannelPolicy.builder();
        if (directory == null) {
            builder.ruleSet(BUILT_IN);
        } else {
            builder.ruleSetDirectory(directory);
        }
        return builder.build();
    }
}
