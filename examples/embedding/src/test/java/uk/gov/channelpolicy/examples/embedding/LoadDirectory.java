package uk.gov.channelpolicy.examples.embedding;

import java.nio.file.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Run by {@link ConsumerClasspathTest} on a consumer's runtime classpath: loads a rule-set directory, which needs the
 * opt-in DRL compiler, and prints the refusal's problems, one per line.
 */
final class LoadDirectory {
    private LoadDirectory() {
    }

    public static void main(String[] args) {
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Path.of(args[0])).build()) {
            System.out.println("loaded " + policy.ruleSet().identity());
        } catch (RuleSetException e) {
            e.problems().forEach(problem -> System.out.println(problem.message() + " | " + problem.suggestion()));
        }
    }
}
