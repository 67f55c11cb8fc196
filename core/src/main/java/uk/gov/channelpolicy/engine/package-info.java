/**
 * Internal: runs a compiled rule set. The {@link uk.gov.channelpolicy.engine.Evaluator} flattens a valid request into
 * facts, runs it through a stateless session, records what firing rules declare, and assembles the
 * {@link uk.gov.channelpolicy.Decision}; the {@link uk.gov.channelpolicy.engine.DecisionCache} remembers decisions by
 * what rules see. It reads the compiled rule set (a value) and never calls back into it. Public only because
 * {@code ChannelPolicy} must reach it from another package: not part of the API, no compatibility promise.
 */
package uk.gov.channelpolicy.engine;
