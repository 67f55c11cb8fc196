package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.tools.RequestDomain;
import uk.gov.channelpolicy.tools.scenario.DecisionSnapshot;

/**
 * The DH rule set decides every request of its domain exactly as the checked-in snapshot of DH 1.0.0 does,
 * ruleSet identity aside: the baseline a rewrite of the rules (e.g. to a new DRL syntax) must match.
 *
 * <p>Each comparison prints its differences, the first 20 in full or {@code -Dchannelpolicy.snapshotShown=N}.
 * {@code -Dchannelpolicy.writeSnapshot=true} rewrites the snapshot from the rules as they are: only for a
 * reviewed change of what the rules decide, never to make a rewrite pass.
 */
class DhDecisionSnapshotTest {
    static final Path SNAPSHOT = Path.of("src/test/resources/decision-snapshot/dh-1.0.0.tsv");
    private static final int DOMAIN_SIZE = 63_488;

    private static DecisionSnapshot snapshot;

    @BeforeAll
    static void readSnapshot() {
        if (Boolean.getBoolean("channelpolicy.writeSnapshot")) {
            DecisionSnapshot.of(ChannelPolicy.builder().ruleSet("dh").decisionCache(0).build()).write(SNAPSHOT);
        }
        snapshot = DecisionSnapshot.read(SNAPSHOT);
    }

    @Test
    void theSnapshotHoldsEveryRequestOfTheDomain() {
        assertThat(snapshot.entries().size()).isEqualTo(DOMAIN_SIZE);
    }

    @Test
    void theClasspathRuleSet_rememberingDecisions_decidesAsTheSnapshot() {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        PolicyRequest first = RequestDomain.of(policy.vocabulary()).iterator().next();
        assertThat(policy.evaluate(first)).as("DH decisions are remembered").isSameAs(policy.evaluate(first));

        assertSame(policy);
    }

    @Test
    void theSourceDirectory_evaluatingEveryRequest_decidesAsTheSnapshot() {
        // Unsealed, so a rewrite can be compared before it is resealed; DhCatalogueTest checks the seal.
        assertSame(ChannelPolicy.builder().ruleSetDirectory(DhRuleFiles.DIRECTORY).ignoreFileDigests().decisionCache(0).build());
    }

    @Test
    void theSourceDirectory_compiledForAuthoring_decidesAsTheSnapshot() {
        // validate, test and --watch compile with the classic compiler: they must decide exactly as what serves.
        assertSame(ChannelPolicy.builder().ruleSetDirectory(DhRuleFiles.DIRECTORY).ignoreFileDigests().forAuthoring()
                .decisionCache(0).build());
    }

    private static void assertSame(ChannelPolicy policy) {
        DecisionSnapshot.Comparison comparison = snapshot.compare(policy);
        String rendering = comparison.render(Integer.getInteger("channelpolicy.snapshotShown", DecisionSnapshot.DEFAULT_SHOWN));
        System.out.print(policy.ruleSet().identity().id() + " " + policy.ruleSet().identity().version() + ": " + rendering);

        assertThat(comparison.compared()).isEqualTo(DOMAIN_SIZE);
        // The count, not the list: a failure shows the rendering, not thousands of decisions' JSON.
        assertThat(comparison.differences().size()).as("%n%s", rendering).isZero();
    }
}
