/**
 * channel-policy: may this person do this with this content on this social-media channel, and why?
 *
 * <p>Start at {@link uk.gov.channelpolicy.ChannelPolicy}. Requests ({@link uk.gov.channelpolicy.PolicyRequest})
 * go in, explainable {@link uk.gov.channelpolicy.Decision}s come out: each reason carries the deciding
 * rule's stable id and a verbatim quote of the guidance. Only {@link uk.gov.channelpolicy.Outcome#PERMIT}
 * allows an action. This package knows no department's vocabulary: roles, actions, channel types and
 * the rest come from the rule set's manifest.
 */
package uk.gov.channelpolicy;
