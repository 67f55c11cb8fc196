/**
 * The decision log: {@link uk.gov.channelpolicy.log.DecisionLog}, an append-only JSON Lines file with personal data masked, and
 * the library's own implementation of {@link uk.gov.channelpolicy.DecisionSink}.
 */
package uk.gov.channelpolicy.log;
