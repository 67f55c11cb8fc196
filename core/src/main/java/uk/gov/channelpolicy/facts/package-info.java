/**
 * The types rule files see: one {@link uk.gov.channelpolicy.facts.Request} fact per decision, the request flattened
 * to what rules may read, with the named {@link uk.gov.channelpolicy.facts.Groups} its role and action belong to. A rule
 * declares what it finds with its {@code @effect} annotation, one of the {@link uk.gov.channelpolicy.facts.DeclaredEffect}s;
 * the engine records it when the rule fires. {@link uk.gov.channelpolicy.facts.RequestField} describes the request's
 * fields once, for every part of the library that reads or writes them. Personal data (ids, names, handles) never
 * enters working memory: rules see roles, the action, the channel's declared type, the owner's role and capacity,
 * whether the actor acts on their own channel, and the content categories. This package depends on nothing of the
 * library but the API records.
 */
package uk.gov.channelpolicy.facts;
