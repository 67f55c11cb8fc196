package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Where the rule set comes from: a precompiled rule set on the classpath, by id, or a rule-set
 * directory compiled when first used. This small value is what Spark ships to the executors; each
 * executor builds its own {@link ChannelPolicy} from it (see {@link ExecutorPolicies}).
 *
 * <p>Serializable only to travel from the driver to its executors, which run the same jars; never stored.
 *
 * @serial exclude
 * @param ruleSetId the id of a precompiled rule set on the classpath, or {@code null} when {@code directory} is given
 * @param directory a rule-set directory, readable at this path on the driver and on every executor,
 *     or {@code null} when {@code ruleSetId} is given
 */
public record RuleSource(String ruleSetId, String directory) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks that exactly one source is given.
     *
     * @param ruleSetId the id of a precompiled rule set on the classpath, or {@code null} when {@code directory} is given
     * @param directory a rule-set directory, or {@code null} when {@code ruleSetId} is given
     */
    public RuleSource {
        if ((ruleSetId == null) == (directory == null)) {
            throw new IllegalArgumentException("give exactly one of a rule-set id and a rule-set directory");
        }
        if (ruleSetId != null && ruleSetId.isBlank()) {
            throw new IllegalArgumentException("rule-set id is blank");
        }
        if (directory != null && directory.isBlank()) {
            throw new IllegalArgumentException("rule-set directory is blank");
        }
    }

    /**
     * A precompiled rule set on the classpath, such as {@code "dh"} from {@code channel-policy-rules-dh}.
     *
     * @param id the rule set's id
     * @return the source
     */
    public static RuleSource classpath(String id) {
        return new RuleSource(Objects.requireNonNull(id, "id"), null);
    }

    /**
     * A rule-set directory (manifest, guidance text, {@code .drl} files), compiled by each JVM that uses it.
     *
     * @param directory the directory; on a cluster, the same path must be readable on every node
     * @return the source
     */
    public static RuleSource directory(Path directory) {
        return new RuleSource(null, directory.toAbsolutePath().normalize().toString());
    }

    /**
     * Loads the rule set and builds a policy. Slow (a rule-set directory is compiled): call it once
     * per JVM, through {@link ExecutorPolicies#policyFor}.
     *
     * @return the policy
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     */
    ChannelPolicy build() {
        ChannelPolicy.Builder builder = ChannelPolicy.builder();
        if (ruleSetId != null) {
            // On a cluster the job's jars (--jars) are in the task's context class loader, which may
            // not be the one that loaded the library.
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                builder.classLoader(loader);
            }
            builder.ruleSet(ruleSetId);
        } else {
            builder.ruleSetDirectory(Path.of(directory));
        }
        return builder.build();
    }

    /**
     * How this source reads in messages.
     *
     * @return e.g. {@code rule set "dh" from the classpath}
     */
    public String describe() {
        return ruleSetId != null ? "rule set \"" + ruleSetId + "\" from the classpath" : "rule-set directory " + directory;
    }
}
