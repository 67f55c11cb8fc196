/**
 * The channel-policy decision service: {@link uk.gov.channelpolicy.ChannelPolicy} behind HTTP, on Javalin.
 *
 * <p>{@link uk.gov.channelpolicy.server.DecisionServer} serves decisions, batches, explanations, the rule
 * catalogue and vocabulary, health, Prometheus metrics, its OpenAPI description and the playground page;
 * {@link uk.gov.channelpolicy.server.ServerConfig} says how; {@link uk.gov.channelpolicy.server.Main} is the
 * command line that starts it; {@link uk.gov.channelpolicy.server.LoadTest} measures it. Every error, Jetty's own
 * included, is an RFC 9457 {@code application/problem+json} document whose {@code type} is a section of the page it
 * serves at {@code /problems} ({@link uk.gov.channelpolicy.server.ProblemType}); nothing about the program's internals
 * (stack traces, exception class names) ever leaves it. Whether a request may go on (its Host, its path's spelling,
 * its token) is decided once, before routing, and slow or numerous clients are bounded before they can hold a thread.
 */
package uk.gov.channelpolicy.server;

import uk.gov.channelpolicy.ChannelPolicy;

