/**
 * channel-policy: may this person do this with this content on this social-media channel, and why?
 *
 * <p>The API: everything an embedder needs, and nothing more. Start at {@link uk.gov.channelpolicy.ChannelPolicy}.
 * Requests ({@link uk.gov.channelpolicy.PolicyRequest}) go in, explainable {@link uk.gov.channelpolicy.Decision}s come
 * out: each reason carries the deciding rule's stable id and a verbatim quote of the guidance. Only
 * {@link uk.gov.channelpolicy.Outcome#PERMIT} allows an action. This package knows no department's vocabulary: roles,
 * actions, channel types and the rest come from the rule set's manifest.
 *
 * <p>The library is layered along one decision's trip, and data flows one way:
 * <pre>
 * JSON -&gt; json (shape) -&gt; the serving version's validator (vocabulary) -&gt; facts -&gt; engine (session)
 *      -&gt; findings -&gt; Decision -&gt; DecisionSink
 * </pre>
 * <ul>
 *   <li>this package: the API records, {@code ChannelPolicy} and its builder, problems and exceptions, the
 *       listener and sink interfaces;</li>
 *   <li>{@code json}: reading requests and writing every JSON shape the library defines;</li>
 *   <li>{@code facts}: what rules see;</li>
 *   <li>{@code load} and {@code engine}: loading and checking a rule set, and running it. Internal: public only
 *       because Java packages cannot share otherwise; no compatibility promise;</li>
 *   <li>{@code tools}: what policy writers use (validate, scenarios, catalogue, diff, invariant checks, domain
 *       enumeration); nothing that serves a decision depends on them;</li>
 *   <li>{@code log}: the decision log, the library's own {@link uk.gov.channelpolicy.DecisionSink}.</li>
 * </ul>
 */
package uk.gov.channelpolicy;

