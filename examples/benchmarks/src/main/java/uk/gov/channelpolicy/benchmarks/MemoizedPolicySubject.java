package uk.gov.channelpolicy.benchmarks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Vocabulary;
import uk.gov.channelpolicy.Vocabulary.Kind;

/**
 * Not a baseline but a what-if for core: {@link ChannelPolicy#evaluate} with its decisions remembered, keyed by
 * exactly what the rules can see of a request (the fields of {@code facts.Request}: roles, action, stated type,
 * owner's capacity, whether the actor acts on their own channel, the content set), never by ids or names. A
 * {@link Decision} is an immutable record that depends only on those fields and the rule-set version, so a
 * remembered one is the same decision; the DH domain has 63,488 such keys. Requests are still validated against the
 * vocabulary on every call; INDETERMINATE decisions are never remembered. Once the mix's 1,000 keys are in, every call is a hit: this
 * measures the hit path, and the library's own row measures a miss.
 */
final class MemoizedPolicySubject implements Subject {
    /** What the rules see of a request. */
    private record Key(String actorRole, String action, String declaredType, String ownerRole, String ownerCapacity, boolean own,
            Set<String> content) {
        static Key of(PolicyRequest request) {
            boolean owned = request.channel().owner() != null;
            return new Key(request.actor().role(), request.action(), request.channel().type(),
                    owned ? request.channel().owner().role() : null, owned ? request.channel().owner().capacity() : null,
                    request.actsOnOwnChannel(), Set.copyOf(request.content()));
        }
    }

    private final ChannelPolicy policy;
    private final ConcurrentHashMap<Key, Decision> decisions = new ConcurrentHashMap<>();

    MemoizedPolicySubject() {
        this.policy = ChannelPolicy.builder().ruleSet("dh").build();
    }

    @Override
    public Decision decide(PolicyRequest request) {
        Key key = Key.of(request);
        Decision known = decisions.get(key);
        if (known != null && valid(request)) {
            return known;
        }
        Decision decision = policy.evaluate(request);
        if (decision.outcome() != Outcome.INDETERMINATE) {
            decisions.putIfAbsent(key, decision);
        }
        return decision;
    }

    /** The library's validation, on its fast path: every id is in the vocabulary (otherwise evaluate throws). */
    private boolean valid(PolicyRequest request) {
        Vocabulary vocabulary = policy.vocabulary();
        if (!vocabulary.contains(Kind.ROLES, request.actor().role()) || !vocabulary.contains(Kind.ACTIONS, request.action())) {
            return false;
        }
        String type = request.channel().type();
        if (type != null && !vocabulary.contains(Kind.CHANNEL_TYPES, type)) {
            return false;
        }
        Owner owner = request.channel().owner();
        if (owner != null && (!vocabulary.contains(Kind.ROLES, owner.role())
                || owner.capacity() != null && !vocabulary.contains(Kind.CAPACITIES, owner.capacity()))) {
            return false;
        }
        for (String category : request.content()) {
            if (!vocabulary.contains(Kind.CONTENT, category)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Verdict verdict(Object answer) {
        return Verdict.of((Decision) answer);
    }

    @Override
    public void close() {
        policy.close();
    }
}
