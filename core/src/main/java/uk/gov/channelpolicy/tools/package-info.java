/**
 * What policy writers use on top of a loaded rule set: {@link uk.gov.channelpolicy.tools.Validation} (compile, lint,
 * seal), the {@link uk.gov.channelpolicy.tools.Catalogue}, {@link uk.gov.channelpolicy.tools.RuleSetDiff} between two
 * versions or a fork and its base, {@link uk.gov.channelpolicy.tools.InvariantCheck} over the whole domain, and
 * {@link uk.gov.channelpolicy.tools.RequestDomain}, the enumeration of every request the rules can tell apart.
 * Scenario files live in {@code tools.scenario}. Nothing that serves a decision depends on this package.
 */
package uk.gov.channelpolicy.tools;
