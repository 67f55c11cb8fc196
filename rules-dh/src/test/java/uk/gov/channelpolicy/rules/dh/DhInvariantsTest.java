package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.tools.InvariantCheck;

/** The invariants the DH manifest declares hold over the whole request domain. */
class DhInvariantsTest {

    @Test
    void everyDeclaredInvariantHoldsOverTheWholeDomain() {
        InvariantCheck check = InvariantCheck.run(DhDomain.POLICY);

        assertThat(check.domainSize()).isEqualTo(871_038);
        assertThat(check.results()).hasSize(11).allSatisfy(result -> {
            assertThat(result.selected()).as("%s selects some requests", result.invariant().id()).isPositive();
            assertThat(result.holds()).as("%s: %s for %s", result.invariant().id(), result.why(), result.example()).isTrue();
        });
    }
}
