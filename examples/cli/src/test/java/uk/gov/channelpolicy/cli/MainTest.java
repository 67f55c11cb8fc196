package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void help_listsTheCommandsAndExitStatuses() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .contains("Usage: channel-policy [-hV] COMMAND")
                .contains("evaluate")
                .contains("demo")
                .contains("Exit status:")
                .contains("3   the rule set could not be loaded");
        for (String command : new String[] {"explain", "validate", "test", "catalogue", "seal", "diff", "check"}) {
            assertThat(run.outLines()).as(command).anySatisfy(line -> assertThat(line).startsWith("  " + command + " "));
        }
        assertThat(run.out())
                .contains("5   validate: the rule set has errors or warnings")
                .contains("6   diff: differences found")
                .contains("7   check: an invariant is broken")
                .contains("8   test: a scenario failed");
    }

    @Test
    void help_describesEvaluateAndItsOptions() {
        CliRun run = CliRun.run("help", "evaluate");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out().replaceAll("\\s*\\n\\s*", " "))
                .contains("Usage: channel-policy evaluate [--ignore-file-digests] [--jsonl] [--decision-log=FILE] [--decision-log-fsync=POLICY] [--evaluation-timeout=DURATION]"
                        + " [--rules=DIR] [--threads=N] FILE")
                .contains("--decision-log=FILE")
                .contains("--rules=DIR")
                .contains("--threads=N")
                .contains("--ignore-file-digests")
                .contains("--jsonl");
    }

    @Test
    void version_namesTheProgramAndTheBuiltInRuleSet() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.outLines().get(0)).startsWith("channel-policy ");
        assertThat(run.out()).contains("built-in rule set: dh 2.0.0 (Department of Health, effective ");
    }

    @Test
    void main_isAUsageErrorWithoutACommand() {
        CliRun run = CliRun.run();

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Missing a command: evaluate, explain, demo, validate, test, catalogue, seal, diff, check or help")
                .contains("Usage: channel-policy");
    }

    @Test
    void main_isAUsageErrorForAnUnknownCommandOrOption() {
        CliRun unknownCommand = CliRun.run("evalute", "request.json");
        CliRun unknownOption = CliRun.run("evaluate", "--pretty", "request.json");

        assertThat(unknownCommand.exitStatus()).as(unknownCommand.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(unknownCommand.err()).contains("Unmatched arguments from index 0: 'evalute'").contains("Did you mean: channel-policy evaluate");
        assertThat(unknownOption.exitStatus()).as(unknownOption.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(unknownOption.err()).contains("Unknown option: '--pretty'").contains("Usage: channel-policy evaluate");
    }
}
