package uk.gov.channelpolicy.facts;

/**
 * What a rule declares it finds, in its {@code @effect} annotation: a policy writer's words for what a firing rule
 * contributes to the decision. The engine records it when the rule fires; the rule's consequence does not.
 */
public enum DeclaredEffect {
    /** The rule permits the action. */
    PERMIT,
    /** The rule denies the action. */
    DENY,
    /** The channel is of the type named by the value. */
    CHANNEL_TYPE,
    /** The code named by the value applies. */
    CODE,
    /** The rule's description is an obligation if the action goes ahead. */
    OBLIGATION,
    /** The rule's description is advice; the value names a principle or is null. */
    ADVICE,
    /** The work belongs to the role named by the value. */
    RESPONSIBILITY
}
