package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.tools.RequestDomain;
import uk.gov.channelpolicy.tools.scenario.DecisionSnapshot;

/**
 * The DH rule set (vocabulary 2) decides every request of the version-1 domain exactly as the latest checked-in snapshot
 * of the revised version-1 rules does,
 * ruleSet identity aside: the baseline a rewrite of the rules (e.g. to a new DRL syntax) must match, and what
 * "version-1 requests decide the same" is measured against once the vocabulary grows.
 *
 * <p>The snapshots are kept in order ({@link #HISTORY}): DH 1.0.0 as released, then one per reviewed change of
 * readings. {@code docs/rules-dh.md} lists the differences between each one and the next ({@code DhTraceabilityTest}).
 * Each comparison prints its differences, the first 20 in full or {@code -Dchannelpolicy.snapshotShown=N}.
 * {@code -Dchannelpolicy.writeSnapshot=true} rewrites the latest snapshot from the rules as they are: only for a
 * reviewed change of what the rules decide, listed in docs/rules-dh.md, never to make a rewrite pass.
 */
class DhDecisionSnapshotTest {
    static final Path DIRECTORY = Path.of("src/test/resources/decision-snapshot");
    /** The snapshots, oldest first: DH 1.0.0 as released, then each reviewed change of readings. */
    static final List<String> HISTORY = List.of("dh-1.0.0", "dh-v1-readings", "dh-v1-advice", "dh-v1-revised", "dh-v1-second-review");
    static final Path LATEST = snapshot(HISTORY.get(HISTORY.size() - 1));
    /** The version-1 domain: every valid request of the version-1 vocabulary. */
    private static final int DOMAIN_SIZE = 46_624;

    private static DecisionSnapshot latest;

    static Path snapshot(String name) {
        // The first snapshots were written plain; later ones are gzipped (a new snapshot is written as NAME.tsv.gz).
        Path plain = DIRECTORY.resolve(name + ".tsv");
        return java.nio.file.Files.exists(plain) ? plain : DIRECTORY.resolve(name + ".tsv.gz");
    }

    @BeforeAll
    static void readSnapshot() {
        if (Boolean.getBoolean("channelpolicy.writeSnapshot")) {
            // The latest snapshot holds the version-1 requests only: what "version-1 requests decide the same" is measured on.
            DecisionSnapshot all = DecisionSnapshot.of(ChannelPolicy.builder().ruleSet("dh").decisionCache(0).build());
            List<DecisionSnapshot.Entry> version1 = all.entries().stream().filter(e -> isVersion1(DecisionSnapshot.request(e.key())))
                    .toList();
            java.util.Map<String, String> decisions = new java.util.LinkedHashMap<>();
            version1.forEach(e -> decisions.put(e.digest(), all.decisions().get(e.digest())));
            new DecisionSnapshot(version1, decisions).write(LATEST);
            List<DecisionSnapshot.Entry> withoutSource = all.entries().stream().filter(e -> DecisionSnapshot.request(e.key()).source() == null)
                    .toList();
            java.util.Map<String, String> theirDecisions = new java.util.LinkedHashMap<>();
            withoutSource.forEach(e -> theirDecisions.put(e.digest(), all.decisions().get(e.digest())));
            new DecisionSnapshot(withoutSource, theirDecisions).write(WITHOUT_SOURCE_LATEST);
        }
        latest = DecisionSnapshot.read(LATEST);
    }

    /** The ids of vocabulary version 1: a version-1 request uses only these. */
    static final java.util.Set<String> VERSION_1_ROLES = java.util.Set.of("minister", "official", "communications-division", "private-office");
    static final java.util.Set<String> VERSION_1_ACTIONS = java.util.Set.of("draft", "post", "reply", "promote", "advise", "analyse",
            "support", "manage");

    /** Whether a request uses only the ids of vocabulary version 1. */
    static boolean isVersion1(PolicyRequest request) {
        Owner owner = request.channel().owner();
        return request.source() == null && VERSION_1_ROLES.contains(request.actor().role()) && VERSION_1_ACTIONS.contains(request.action())
                && (owner == null || VERSION_1_ROLES.contains(owner.role()));
    }

    @Test
    void theLatestSnapshotHoldsEveryVersion1RequestOfTheDomain_andVocabulary2StaysUnderTwoMillionStates() {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        java.util.Set<String> version1 = new java.util.LinkedHashSet<>();
        long all = 0;
        for (PolicyRequest request : RequestDomain.of(policy.vocabulary())) {
            all++;
            if (isVersion1(request)) {
                version1.add(DecisionSnapshot.key(request));
            }
        }
        assertThat(latest.entries()).extracting(DecisionSnapshot.Entry::key).containsExactlyElementsOf(version1);
        assertThat(latest.entries().size()).isEqualTo(DOMAIN_SIZE);
        // 179,738 valid requests without a source, as before sources existed; the sources of promote and share bring 871,038.
        assertThat(all).isEqualTo(871_038);
        assertThat(RequestDomain.of(policy.vocabulary()).combinations()).as("the rule-visible domain, before its constraints")
                .isEqualTo(1_367_100).isLessThanOrEqualTo(2_000_000);
    }

    @Test
    void theClasspathRuleSet_rememberingDecisions_decidesAsTheLatestSnapshot() {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        PolicyRequest first = RequestDomain.of(policy.vocabulary()).iterator().next();
        assertThat(policy.evaluate(first)).as("DH decisions are remembered").isSameAs(policy.evaluate(first));

        assertSame(policy);
    }

    @Test
    void theSourceDirectory_evaluatingEveryRequest_decidesAsTheLatestSnapshot() {
        // Unsealed, so a rewrite can be compared before it is resealed; DhCatalogueTest checks the seal.
        assertSame(ChannelPolicy.builder().ruleSetDirectory(DhRuleFiles.DIRECTORY).ignoreFileDigests().decisionCache(0).build());
    }

    @Test
    void theSourceDirectory_compiledForAuthoring_decidesAsTheLatestSnapshot() {
        // validate, test and --watch compile with the classic compiler: they must decide exactly as what serves.
        assertSame(ChannelPolicy.builder().ruleSetDirectory(DhRuleFiles.DIRECTORY).ignoreFileDigests().forAuthoring()
                .decisionCache(0).build());
    }

    @Test
    void everyKeyOfEverySnapshotStandsForTheRequestItWasMadeFrom() {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        for (PolicyRequest request : RequestDomain.of(policy.vocabulary())) {
            String key = DecisionSnapshot.key(request);
            assertThat(DecisionSnapshot.key(DecisionSnapshot.request(key))).isEqualTo(key);
        }
    }

    /**
     * The snapshots of every request of dh 2.0.0's domain that names no source, oldest first: as it decided them before
     * requests could name a source (main at c32e580, written with that commit's DecisionSnapshot), which proved that a
     * request without a source decides exactly as before; then one per reviewed change of readings that touches
     * vocabulary 2 ({@code snapshotWithoutSource} of a step in readings.json; docs/rules-dh.md lists the differences).
     */
    static final List<String> WITHOUT_SOURCE_HISTORY = List.of("dh-2.0.0-before-sources", "dh-2.0.0-second-review");
    static final Path WITHOUT_SOURCE_LATEST = snapshot(WITHOUT_SOURCE_HISTORY.get(WITHOUT_SOURCE_HISTORY.size() - 1));

    @Test
    void everyRequestWithoutASource_decidesExactlyAsTheLatestSnapshotWithoutSources() {
        DecisionSnapshot before = DecisionSnapshot.read(WITHOUT_SOURCE_LATEST);
        java.util.Set<String> withoutSource = new java.util.LinkedHashSet<>();
        for (PolicyRequest request : RequestDomain.of(DhDomain.POLICY.vocabulary())) {
            if (request.source() == null) {
                withoutSource.add(DecisionSnapshot.key(request));
            }
        }
        assertThat(before.entries()).extracting(DecisionSnapshot.Entry::key).containsExactlyElementsOf(withoutSource);

        DecisionSnapshot.Comparison comparison = before.compareItsRequests(DhDomain.POLICY);
        String rendering = comparison.render(Integer.getInteger("channelpolicy.snapshotShown", DecisionSnapshot.DEFAULT_SHOWN));
        System.out.print("dh without sources: " + rendering);
        assertThat(comparison.compared()).isEqualTo(179_738);
        assertThat(comparison.differences().size()).as("%n%s", rendering).isZero();
    }

    @Test
    void theSnapshotsWithoutSources_holdTheSameRequests_andDifferOnlyWhereAReviewedStepSays() {
        DecisionSnapshot first = DecisionSnapshot.read(snapshot(WITHOUT_SOURCE_HISTORY.get(0)));
        DecisionSnapshot last = DecisionSnapshot.read(WITHOUT_SOURCE_LATEST);
        assertThat(last.entries()).extracting(DecisionSnapshot.Entry::key)
                .containsExactlyElementsOf(first.entries().stream().map(DecisionSnapshot.Entry::key).toList());
        // Every difference is a request of a term vocabulary 2 added (an action or a role outside DH), or one the second
        // review's be-personal advice or the "DH minister" label touches: none of version 1's outcomes changed.
        for (DecisionSnapshot.Difference difference : first.compare(last).differences()) {
            PolicyRequest request = DecisionSnapshot.request(difference.key());
            if (isVersion1(request)) {
                String[] outcomes = difference.outcomes().split(" -> ");
                assertThat(outcomes[1]).as("%s", difference.key()).isEqualTo(outcomes[0]);
            }
        }
    }

    private static void assertSame(ChannelPolicy policy) {
        DecisionSnapshot.Comparison comparison = latest.compareItsRequests(policy);
        String rendering = comparison.render(Integer.getInteger("channelpolicy.snapshotShown", DecisionSnapshot.DEFAULT_SHOWN));
        System.out.print(policy.ruleSet().identity().id() + " " + policy.ruleSet().identity().version() + ": " + rendering);

        assertThat(comparison.compared()).isEqualTo(DOMAIN_SIZE);
        // The count, not the list: a failure shows the rendering, not thousands of decisions' JSON.
        assertThat(comparison.differences().size()).as("%n%s", rendering).isZero();
    }
}
