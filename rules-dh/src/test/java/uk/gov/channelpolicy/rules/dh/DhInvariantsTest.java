package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.tools.InvariantCheck;

/** The invariants the DH manifest declares hold over the whole request domain. */
class DhInvariantsTest {

    @Test
    void everyDeclaredInvariantHoldsOverTheWholeDomain() {
        InvariantCheck check = InvariantCheck.run(ChannelPolicy.builder().ruleSet("dh").build());

        assertThat(check.domainSize()).isEqualTo(179_738);
        assertThat(check.results()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(result -> {
            assertThat(result.selected()).as("%s selects some requests", result.invariant().id()).isPositive();
            assertThat(result.holds()).as("%s: %s for %s", result.invariant().id(), result.why(), result.example()).isTrue();
        });
    }
}
