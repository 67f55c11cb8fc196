package uk.gov.channelpolicy.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * How far one evaluation may go before it is stopped as INDETERMINATE.
 *
 * @param maxRuleFirings the most rule firings one evaluation may make; a rule set that fires more is
 *     running away (a rule re-triggering itself)
 * @param timeout the longest one evaluation may take, or {@code null} to evaluate on the caller's thread
 *     with no timeout
 * @param executor the threads that run evaluations with a timeout, or {@code null} without one
 */
public record EvaluationLimits(int maxRuleFirings, Duration timeout, ExecutorService executor) {
}
