/**
 * Scenario files: a policy writer's tests, written as JSON with no Java. Each file holds one
 * request ({@code given}) and what the rule set must decide ({@code expect}): the outcome, the
 * channel type, the codes, the exact ids of the deciding rules and, optionally, the obligations,
 * advice and responsibilities. {@link uk.gov.channelpolicy.tools.scenario.Scenarios} finds them by walking
 * a folder and runs them, reporting each mismatch field by field. A
 * {@link uk.gov.channelpolicy.tools.scenario.DecisionSnapshot} records what a rule set decides for every request
 * of its domain, so a rewrite of the rules can be shown to decide exactly the same.
 */
package uk.gov.channelpolicy.tools.scenario;

