package uk.gov.channelpolicy.examples.embedding;

import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Run by {@link ConsumerClasspathTest} on a consumer's runtime classpath: asks for the precompiled DH rule set's alpha
 * network to be compiled to Java, which needs the opt-in DRL compiler, and prints the refusal's problems, one per line.
 */
final class CompileAlphaNetwork {
    private CompileAlphaNetwork() {
    }

    public static void main(String[] args) {
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").compiledAlphaNetwork().build()) {
            System.out.println("compiled " + policy.ruleSet().compiledAlphaNetworks());
        } catch (RuleSetException e) {
            e.problems().forEach(problem -> System.out.println(problem.message() + " | " + problem.suggestion()));
        }
    }
}
