/**
 * The types rule files see. A rule reads one {@link uk.gov.channelpolicy.facts.Request} fact and
 * reports what it decides through the {@code findings} global, a {@link uk.gov.channelpolicy.facts.Findings}.
 * Personal data (ids, names, handles) never enters working memory: rules see roles, the action,
 * the channel's declared type, owner role and capacity, whether the actor acts on their own
 * channel, and the content categories.
 */
package uk.gov.channelpolicy.facts;
