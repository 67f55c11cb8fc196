package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Newsroom;

/**
 * The alpha network compiled to Java: refused for a rule-set directory, whose text is untrusted input, and Drools'
 * generated source mended where a constraint's text broke a comment. DH's whole domain is decided with a compiled
 * network in rules-dh's {@code DhDecisionTableTest}.
 */
class CompiledAlphaNetworkTest {

    @Test
    void aPolicyOfARuleSetDirectory_isRefusedACompiledAlphaNetwork() {
        assertThatThrownBy(() -> ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).compiledAlphaNetwork().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("compiledAlphaNetwork() needs ruleSet(id): a directory's rule text is untrusted input, and compiling"
                        + " its alpha network would turn that text into Java");
    }

    @Test
    void aRuleSetCompiledFromADirectory_isRefusedACompiledAlphaNetwork() {
        RuleSet ruleSet = Newsroom.policy().ruleSet();

        assertThatThrownBy(ruleSet::compileAlphaNetwork).isInstanceOf(IllegalStateException.class)
                .hasMessage("rule set newsroom was compiled from a directory: only a precompiled rule set's alpha network is"
                        + " compiled to Java");
        assertThat(ruleSet.compiledAlphaNetworks()).isZero();
    }

    @Test
    void aCommentThatAConstraintBrokeOverTwoLines_isJoinedBackIntoOneLine() {
        String generated = "private LambdaConstraint lambdaConstraint25; // [AlphaNode(25) constraint=[Constraint for 'G' (index: null),"
                + " content not contains \"a\" && content not contains \"b\"\n"
                + "                                   || actionGroups contains \"removing\"]]\n"
                + "private ContextEntry contextEntry25;\n"
                + "private AlphaTerminalNode alphaTerminalNode32; // [AlphaTerminalNode(32)]\n"
                + "}";

        assertThat(CompiledAlphaNetwork.commentsOnOneLine(generated)).isEqualTo("private LambdaConstraint lambdaConstraint25;"
                + " // [AlphaNode(25) constraint=[Constraint for 'G' (index: null), content not contains \"a\" && content not"
                + " contains \"b\" || actionGroups contains \"removing\"]]\n"
                + "private ContextEntry contextEntry25;\n"
                + "private AlphaTerminalNode alphaTerminalNode32; // [AlphaTerminalNode(32)]\n"
                + "}");
    }

    @Test
    void sourceWithEveryCommentOnOneLine_isLeftAsItIs() {
        String generated = "private JoinNode joinNode19; // [JoinNode(19) - [ClassObjectType class=Request]]\n"
                + "if (lambdaConstraint60.isAllowed(handle, wm)) {\n    x();\n}\n";

        assertThat(CompiledAlphaNetwork.commentsOnOneLine(generated)).isEqualTo(generated);
    }
}
