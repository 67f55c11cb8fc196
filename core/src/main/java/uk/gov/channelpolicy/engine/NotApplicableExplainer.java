package uk.gov.channelpolicy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Decision.ClosestRule;
import uk.gov.channelpolicy.Decision.NotApplicable;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Explains a NOT_APPLICABLE decision with the rule set itself: asks it about requests one change away (other content,
 * action, channel or role), and if no rule decides any of them, two changes away; the rules that decide those are the
 * ones that came closest, and the changes say what the request lacked for them.
 *
 * <p>It works on what the rules can see of a request, never on its ids or names: the requests it asks about carry the
 * placeholder ids {@code self} and {@code other} only to say whose channel it is, so the explanation of a request is
 * the same for every request the rules see alike, and can be remembered with its decision.
 */
final class NotApplicableExplainer {
    private static final String SELF = "self";
    private static final String OTHER = "other";

    /** How many fields a change can be followed by a change to a later one: content, channel and action (not role). */
    static final int FIELDS_FOLLOWED = 3;

    private final Vocabulary vocabulary;
    private final Words words;
    /** The changes kept by what second changes reach, one of each: a vocabulary's worth of field, condition and value. */
    private final Map<List<Object>, Step> detached = new java.util.concurrent.ConcurrentHashMap<>();

    NotApplicableExplainer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.words = new Words(vocabulary);
    }

    /**
     * One change to a request and the condition it meets that the request lacked.
     *
     * @param field which part changes, in the order explanations prefer: content, channel, action, role (a rule for
     *     the same action elsewhere says more about the request than a rule for another action)
     * @param template the condition with {@code %s} for the value, e.g. {@code applies when the action is to %s}
     * @param value the changed value in words, made only if an explanation says it
     * @param request the changed request
     * @param decided its decision when already known (a channel's words need its type), else null
     */
    private record Step(int field, String template, Supplier<String> value, PolicyRequest request, Decision decided) {
        Step(int field, String template, Supplier<String> value, PolicyRequest request) {
            this(field, template, value, request, null);
        }

        Decision decide(Function<PolicyRequest, Decision> decide) {
            return decided != null ? decided : decide.apply(request);
        }
    }

    /**
     * A rule that a changed request's decision names (to permit or forbid it), with the change: what a change reaches.
     *
     * @param reason the rule
     * @param step the change, detached from its request (only its field and words are kept)
     */
    record Reached(Reason reason, Step step) {
    }

    /**
     * Remembers what the changes to the fields after one field reach from a request, for the two-change search: a
     * request is one change away from some fifty others, so a decision table's computation asks about it for each of
     * them that needs two changes.
     */
    interface SecondChanges {
        /** Remembers nothing. */
        SecondChanges NONE = (request, after, compute) -> compute.get();

        /**
         * What the changes to the fields after {@code after} reach from {@code request}.
         *
         * @param request the request once changed
         * @param after the field it was changed in
         * @param compute computes the answer
         * @return the answer, computed or remembered
         */
        List<Reached> reachedAfter(PolicyRequest request, int after, Supplier<List<Reached>> compute);
    }

    /** A rule one or two changes away, and the steps that reach it. */
    private static final class Near {
        final Reason reason;
        final int distance;
        final List<List<Step>> ways = new ArrayList<>();

        Near(Reason reason, int distance) {
            this.reason = reason;
            this.distance = distance;
        }
    }

    /**
     * Why no rule decided a request.
     *
     * @param asked the request
     * @param decision its NOT_APPLICABLE decision
     * @param decide decides a changed request, without explaining it
     * @return the explanation
     */
    NotApplicable explain(PolicyRequest asked, Decision decision, Function<PolicyRequest, Decision> decide) {
        return explain(asked, decision, decide, SecondChanges.NONE);
    }

    /**
     * Why no rule decided a request, remembering what second changes reach.
     *
     * @param asked the request
     * @param decision its NOT_APPLICABLE decision
     * @param decide decides a changed request, without explaining it
     * @param remembered remembers what the second changes reach from a once-changed request
     * @return the explanation
     */
    NotApplicable explain(PolicyRequest asked, Decision decision, Function<PolicyRequest, Decision> decide, SecondChanges remembered) {
        PolicyRequest request = canonical(asked);
        Map<String, Near> near = new LinkedHashMap<>();
        List<Step> steps = steps(request, decide, -1);
        for (Step step : steps) {
            reached(near, step.decide(decide), List.of(step), 1);
        }
        if (near.isEmpty()) {
            // Each pair once, in field order: the second change is to a later field than the first. Only those second
            // changes are made (and the channels among them decided): with DH's vocabulary, making every one and dropping
            // most made some 2,300 changed requests and decided some 1,760 for a request with nothing one change away,
            // where some 760 of each are needed.
            for (Step first : steps) {
                PolicyRequest once = first.request();
                for (Reached second : remembered.reachedAfter(once, first.field(), () -> reachedAfter(once, first.field(), decide))) {
                    reached(near, second.reason(), List.of(first, second.step()), 2);
                }
            }
        }
        // A rule that would permit the request says what it lacked; one that would forbid it says so only when none would
        // permit it (else "would forbid it, with party-political content" reads as a reason the request does not have).
        boolean permitNear = near.values().stream().anyMatch(n -> n.reason.effect() == Effect.PERMIT);
        List<ClosestRule> closest = near.values().stream()
                .filter(n -> !permitNear || n.reason.effect() == Effect.PERMIT)
                .sorted(Comparator.comparingInt((Near n) -> n.distance)
                        .thenComparingInt(n -> n.reason.effect() == Effect.PERMIT ? 0 : 1)
                        .thenComparingInt(NotApplicableExplainer::firstField)
                        .thenComparing(n -> n.reason.rule()))
                .limit(NotApplicable.MAX_CLOSEST)
                .map(n -> new ClosestRule(n.reason.rule(), n.reason.effect(), n.reason.message(), lacking(n), n.reason.citation()))
                .toList();
        List<String> whoseWork = decision.responsibilities().stream().map(Responsibility::role).distinct().toList();
        return new NotApplicable(summary(decision, whoseWork, closest), whoseWork, closest);
    }

    /** The field of the nearest way to reach a rule, in the order explanations prefer. */
    private static int firstField(Near near) {
        return near.ways.stream().mapToInt(way -> way.get(0).field()).min().orElse(Integer.MAX_VALUE);
    }

    /** What the changes to the fields after {@code after} reach from a request, in the order the search meets them. */
    private List<Reached> reachedAfter(PolicyRequest request, int after, Function<PolicyRequest, Decision> decide) {
        List<Reached> reached = new ArrayList<>();
        for (Step step : steps(request, decide, after)) {
            Step kept = null;
            for (Reason reason : step.decide(decide).reasons()) {
                if (decides(reason)) {
                    if (kept == null) {
                        String value = step.value().get();
                        kept = detached.computeIfAbsent(List.of(step.field(), step.template(), value),
                                key -> new Step(step.field(), step.template(), () -> value, null, null));
                    }
                    reached.add(new Reached(reason, kept));
                }
            }
        }
        return reached.isEmpty() ? List.of() : List.copyOf(reached);
    }

    private static void reached(Map<String, Near> near, Decision variant, List<Step> way, int distance) {
        for (Reason reason : variant.reasons()) {
            if (decides(reason)) {
                reached(near, reason, way, distance);
            }
        }
    }

    /** A rule reached by a way of this many changes: the first way to it sets its distance. */
    private static void reached(Map<String, Near> near, Reason reason, List<Step> way, int distance) {
        near.computeIfAbsent(reason.rule(), rule -> new Near(reason, distance)).ways.add(way);
    }

    /** Whether a rule decides (permits or forbids), as the rules a NOT_APPLICABLE request came close to must. */
    private static boolean decides(Reason reason) {
        return reason.effect() == Effect.PERMIT || reason.effect() == Effect.DENY;
    }

    /**
     * What the request lacked for a rule: the conditions of the first way to reach it, in field order; ways that change
     * one field to different values are said as one condition, "applies on X or Y".
     */
    private static List<String> lacking(Near near) {
        List<List<Step>> ways = new ArrayList<>(near.ways);
        ways.sort(Comparator.comparing((List<Step> way) -> way.get(0).field()).thenComparing(way -> way.size() > 1 ? way.get(1).field() : -1));
        List<Step> first = ways.get(0);
        if (first.size() > 1) {
            return first.stream().map(step -> step.template().formatted(step.value().get())).toList();
        }
        Step step = first.get(0);
        Set<String> values = new LinkedHashSet<>();
        for (List<Step> way : ways) {
            if (way.size() == 1 && way.get(0).template().equals(step.template())) {
                values.add(way.get(0).value().get());
            }
        }
        return List.of(step.template().formatted(Words.list(List.copyOf(values), "or")));
    }

    private String summary(Decision decision, List<String> whoseWork, List<ClosestRule> closest) {
        StringBuilder text = new StringBuilder("No rule permits or forbids this request, so the answer is no.");
        if (whoseWork.isEmpty()) {
            text.append(" The guidance gives this work to no role.");
        } else {
            text.append(" It is the work of ").append(Words.list(whoseWork.stream().map(words::person).toList(), "and"))
                    .append(" (").append(String.join(", ", decision.responsibilities().stream().map(Responsibility::rule).distinct().toList()))
                    .append(").");
        }
        if (closest.isEmpty()) {
            text.append(" No rule applies within two changes to the request.");
        } else {
            text.append(closest.size() == 1 ? " Closest rule: " : " Closest rules: ");
            List<String> rules = new ArrayList<>();
            for (ClosestRule rule : closest) {
                rules.add(rule.rule() + (rule.effect() == Effect.PERMIT ? " would permit it but " : " would forbid it but ")
                        + String.join(" and ", rule.lacking()));
            }
            text.append(String.join("; ", rules)).append('.');
        }
        return text.toString();
    }

    /** The request as the rules see it, with placeholder ids that keep only whether the channel is the actor's own. */
    private static PolicyRequest canonical(PolicyRequest request) {
        Owner owner = request.channel().owner();
        Owner kept = owner == null ? null : new Owner(owner.role(), request.actsOnOwnChannel() ? SELF : OTHER, null, owner.capacity());
        // Through the builder, so that any other part of the request the rules may see is kept as it is.
        Source source = request.source();
        Owner sourceOwner = source == null ? null : source.owner();
        Source keptSource = source == null ? null : new Source(null, sourceOwner == null ? null
                : new Owner(sourceOwner.role(), request.sourceIsActorsOwn() ? SELF : OTHER, null, sourceOwner.capacity()));
        return request.toBuilder().actor(new Actor(request.actor().role(), SELF, null))
                .channel(new Channel(request.channel().type(), null, kept)).source(keptSource).build();
    }

    /**
     * The requests one change away, in the order explanations prefer within a field.
     *
     * @param request the request
     * @param decide decides a request, without explaining it (the channels need their decisions to be put in words)
     * @param after only changes to fields after this one: -1 for all
     * @return the steps
     */
    private List<Step> steps(PolicyRequest request, Function<PolicyRequest, Decision> decide, int after) {
        List<Step> steps = new ArrayList<>();
        if (after < 0) {
            contentSteps(request, steps);
        }
        if (after < 2) {
            for (String action : vocabulary.ids(Kind.ACTIONS)) {
                if (!action.equals(request.action())) {
                    // An action that amplifies no tweet takes no source; whose tweet it is stays as asked otherwise.
                    steps.add(new Step(2, "applies when the action is to %s", () -> words.action(action), request.toBuilder().action(action)
                            .source(vocabulary.takesSource(action) ? request.source() : null).build()));
                }
            }
        }
        if (after < 1) {
            for (Channel channel : channels(request)) {
                PolicyRequest changed = request.toBuilder().channel(channel).build();
                Decision decided = decide.apply(changed);
                steps.add(new Step(1, "applies on %s", () -> words.channel(channel, changed.actsOnOwnChannel(), decided.channelType()), changed, decided));
            }
        }
        if (after < 3) {
            roleSteps(request, steps);
        }
        return steps;
    }

    private void contentSteps(PolicyRequest request, List<Step> steps) {
        List<String> content = request.content();
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (content.contains(category) && content.size() > 1) {
                List<String> without = new ArrayList<>(content);
                without.remove(category);
                steps.add(new Step(0, "applies only when the content does not include %s", () -> words.content(category),
                        request.toBuilder().content(without).build()));
            } else if (!content.contains(category)) {
                List<String> with = new ArrayList<>(content);
                with.add(category);
                steps.add(new Step(0, "applies when the content includes %s", () -> words.content(category), request.toBuilder().content(with).build()));
            }
        }
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (content.size() > 1 && content.contains(category)) {
                steps.add(new Step(0, "applies when the content is only %s", () -> words.content(category), request.toBuilder().content(category).build()));
            }
        }
    }

    private void roleSteps(PolicyRequest request, List<Step> steps) {
        for (String role : vocabulary.ids(Kind.ROLES)) {
            if (!role.equals(request.actor().role())) {
                // On their own channel, the channel stays theirs: its owner's role changes with the actor's.
                Owner owner = request.channel().owner();
                Channel channel = request.actsOnOwnChannel()
                        ? new Channel(request.channel().type(), null, new Owner(role, SELF, null, owner.capacity())) : request.channel();
                // Likewise the actor's own amplified tweet stays theirs.
                Source source = request.source();
                Source kept = source != null && request.sourceIsActorsOwn()
                        ? new Source(null, new Owner(role, SELF, null, source.owner().capacity())) : source;
                steps.add(new Step(3, "applies when the person acting is %s", () -> words.person(role),
                        request.toBuilder().actor(new Actor(role, SELF, null)).channel(channel).source(kept).build()));
            }
        }
    }

    /** Every other channel the rule set can classify: none named, the actor's own, or another person's, in each capacity. */
    private List<Channel> channels(PolicyRequest request) {
        List<String> capacities = new ArrayList<>();
        capacities.add(null);
        capacities.addAll(vocabulary.ids(Kind.CAPACITIES));
        List<Channel> channels = new ArrayList<>();
        channels.add(new Channel(null, null, null));
        for (String capacity : capacities) {
            channels.add(new Channel(null, null, new Owner(request.actor().role(), SELF, null, capacity)));
            for (String role : vocabulary.ids(Kind.ROLES)) {
                channels.add(new Channel(null, null, new Owner(role, OTHER, null, capacity)));
            }
        }
        channels.remove(request.channel());
        return channels;
    }
}
