/**
 * The {@code channel-policy} command-line tool: a thin layer of picocli commands over the library.
 *
 * <p>{@link uk.gov.channelpolicy.cli.Main} is the entry point and the one place subcommands are
 * registered. Each subcommand is its own class, loads its rule set through
 * {@link uk.gov.channelpolicy.cli.RuleSetOption} (or, for {@code seal}, from the directory it seals),
 * writes {@code --format json} through {@code ReportJson}, reads input through
 * {@link uk.gov.channelpolicy.cli.Input}, and leaves failures that stop it (an unreadable input, a rule
 * set that cannot be loaded) to {@link uk.gov.channelpolicy.cli.FailureHandler}, so every command exits
 * with the same {@link uk.gov.channelpolicy.cli.ExitStatus} for the same kind of failure and never
 * shows a user a stack trace for a mistake in their input. The checking commands ({@code validate},
 * {@code test}, {@code diff}, {@code check}) each have a status of their own for "ran and found
 * something". The checks themselves are the library's; the commands run them and print the results.
 */
package uk.gov.channelpolicy.cli;

