package uk.gov.channelpolicy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.log.DecisionLog;
import uk.gov.channelpolicy.tools.Validation;

/**
 * The {@code --rules DIR} option every subcommand that loads a rule set mixes in: which rule set to
 * decide with. Without it, the built-in rule set that ships with this program. With
 * {@code --ignore-file-digests}, a sealed rule set loads even though its files were edited since it
 * was sealed, for a policy writer part-way through a change.
 */
public final class RuleSetOption {
    /** The id of the precompiled rule set on this program's classpath. */
    public static final String BUILT_IN = "dh";

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Use the rule set in this directory (manifest.json, guidance text, .drl files), "
                    + "compiled at start-up, instead of the built-in rule set \"" + BUILT_IN + "\".")
    private Path directory;

    @Option(names = "--ignore-file-digests",
            description = "Load a sealed rule set even if its files no longer match the digests in its manifest: "
                    + "for editing rules before resealing them (channel-policy seal). Never in production.")
    private boolean ignoreFileDigests;

    /**
     * The rule-set directory given on the command line.
     *
     * @return the directory, or {@code null} for the built-in rule set
     */
    public Path directory() {
        return directory;
    }

    /**
     * Whether {@code --ignore-file-digests} was given.
     *
     * @return true to load a sealed rule set whose files have changed
     */
    public boolean ignoresFileDigests() {
        return ignoreFileDigests;
    }

    /**
     * Loads the chosen rule set for a command that decides, with an evaluation timeout (an evaluation that takes longer
     * gives an INDETERMINATE decision naming the rule that was running) and a decision log.
     *
     * @param timeout how long one evaluation may take, or null for no limit
     * @param log where every decision is recorded, or null for none
     * @return the policy
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public ChannelPolicy loadToDecide(java.time.Duration timeout, uk.gov.channelpolicy.log.DecisionLog log) {
        ChannelPolicy.Builder builder = builder();
        if (log != null) {
            builder.decisionSink(log);
        }
        if (timeout != null) {
            builder.evaluationTimeout(timeout, Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
        }
        return (directory == null ? builder.ruleSet(BUILT_IN) : builder.ruleSetDirectory(directory)).build();
    }

    /**
     * Decisions a whole-domain sweep ({@code diff}, {@code check}) remembers: four times the serving default. A
     * NOT_APPLICABLE decision's explanation asks about some 35 neighbours, most of them near it in domain order, so the
     * rules decide each request far fewer times than with the default; the whole DH domain (871,038 requests) would take
     * several GB of heap, this about 1.5 GB at most.
     */
    static final int SWEEP_DECISION_CACHE = 250_000;

    /**
     * Loads the chosen rule set for a command that decides every request of its domain: a directory's decision table is
     * computed on every core before the sweep starts, so each request is a lookup; should there be no table, the engine
     * remembers more decisions ({@link #SWEEP_DECISION_CACHE}) than the serving default.
     *
     * @return the policy
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public ChannelPolicy loadToSweep() {
        ChannelPolicy.Builder builder = builder().decisionCache(SWEEP_DECISION_CACHE).decisionTableBeforeServing();
        return (directory == null ? builder.ruleSet(BUILT_IN) : builder.ruleSetDirectory(directory)).build();
    }

    /**
     * Loads and checks the chosen rule set for a command that reads it and decides nothing ({@code validate},
     * {@code catalogue}): the policy is closed before this returns, and remembers no decisions, so no decision table is
     * computed behind the command's back.
     *
     * @return the loaded rule set
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public RuleSet loadRuleSet() {
        return loadRuleSet(directory);
    }

    /**
     * Loads and checks the rule set in a directory (or the built-in one for null), honouring
     * {@code --ignore-file-digests}, for a command that decides nothing; as {@link #loadRuleSet()}.
     *
     * @param ruleSetDirectory the rule-set directory, or null for the built-in rule set
     * @return the loaded rule set
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public RuleSet loadRuleSet(Path ruleSetDirectory) {
        ChannelPolicy.Builder builder = builder().decisionCache(0);
        try (ChannelPolicy policy = (ruleSetDirectory == null ? builder.ruleSet(BUILT_IN) : builder.ruleSetDirectory(ruleSetDirectory))
                .build()) {
            return policy.ruleSet();
        }
    }

    /**
     * Loads the chosen rule set for an authoring tool ({@code test}): a broken seal is printed as a warning and the
     * rule set is still loaded and tested. A directory is compiled with the classic compiler ({@code forAuthoring()});
     * the built-in rule set loads as for deciding. Commands that decide ({@code evaluate}, {@code explain},
     * {@code demo}) use {@link #loadToDecide}, which refuses a broken seal.
     *
     * @param err where the warning goes
     * @return the policy
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    public ChannelPolicy loadForAuthoring(java.io.PrintWriter err) {
        if (directory == null) {
            return builder().ruleSet(BUILT_IN).build();
        }
        java.util.List<uk.gov.channelpolicy.Problem> seal = ignoreFileDigests ? java.util.List.of()
                : uk.gov.channelpolicy.tools.Validation.sealProblems(directory);
        if (!seal.isEmpty()) {
            new ProblemPrinter(err).problems("warning: the seal of " + directory + " does not hold; testing anyway, but every"
                    + " serving path refuses it until it is sealed ('channel-policy seal DIR')", seal);
        }
        return ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests().forAuthoring().build();
    }

    private ChannelPolicy.Builder builder() {
        ChannelPolicy.Builder builder = ChannelPolicy.builder();
        if (ignoreFileDigests) {
            builder.ignoreFileDigests();
        }
        return builder;
    }
}
