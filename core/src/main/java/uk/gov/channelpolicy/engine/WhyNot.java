package uk.gov.channelpolicy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Alternative;
import uk.gov.channelpolicy.Change;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Searches the changes a person could make themselves ({@link Change}) for the smallest that change the outcome:
 * every single change first, then pairs of changes to different fields if no single change does. Alternatives are
 * ranked by how small they are (fewer changes; then content before action before channel before asking someone; then
 * fewer content categories added or removed), near-identical ones collapse (the same
 * fields changed, giving the same outcome by the same rules; any change of channel to the same outcome), pairs never
 * ask someone else to do another action, and at most a given number are kept.
 */
public final class WhyNot {
    private final Vocabulary vocabulary;
    private final Words words;
    private final Function<PolicyRequest, Decision> decide;

    /**
     * A search over one rule set's vocabulary.
     *
     * @param vocabulary the vocabulary the changes are drawn from
     * @param decide how a changed request is decided (the serving version's evaluator, not recorded)
     */
    public WhyNot(Vocabulary vocabulary, Function<PolicyRequest, Decision> decide) {
        this.vocabulary = vocabulary;
        this.words = new Words(vocabulary);
        this.decide = decide;
    }

    /** One change to a request and how small it is within its field (for content: how many categories it adds or removes). */
    private record Step(Change change, int size, PolicyRequest request) {
        int field() {
            return Change.FIELDS.indexOf(change.field());
        }
    }

    /** A candidate alternative with the order it was found in, for a stable ranking. */
    private record Found(List<Step> steps, Decision decision, int order) {
    }

    /**
     * The smallest changes the asker could make that change the outcome, smallest first.
     *
     * @param request the request as asked
     * @param decision its decision
     * @param max the most alternatives to give
     * @return the alternatives, at most {@code max}
     */
    public List<Alternative> alternatives(PolicyRequest request, Decision decision, int max) {
        boolean permitted = decision.isPermitted();
        List<Step> steps = steps(request, decision);
        List<Found> found = new ArrayList<>();
        for (Step step : steps) {
            Decision other = decide.apply(step.request());
            if (other.isPermitted() != permitted) {
                found.add(new Found(List.of(step), other, found.size()));
            }
        }
        if (found.isEmpty()) {
            for (Step first : steps) {
                Decision firstDecision = decide.apply(first.request());
                for (Step second : steps(first.request(), firstDecision)) {
                    if (second.field() <= first.field() || second.change().field().equals("ask")
                            && (permitted || first.change().field().equals("action"))) {
                        // Asking someone else to do another action than the one asked about helps nobody.
                        continue;
                    }
                    Decision other = decide.apply(second.request());
                    if (other.isPermitted() != permitted) {
                        found.add(new Found(List.of(first, second), other, found.size()));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt((Found f) -> f.steps().size())
                .thenComparingInt(f -> f.steps().get(0).field()).thenComparingInt(f -> f.steps().get(0).size())
                .thenComparingInt(f -> f.steps().size() > 1 ? f.steps().get(1).field() : 0)
                .thenComparingInt(f -> f.steps().size() > 1 ? f.steps().get(1).size() : 0)
                .thenComparingInt(Found::order));
        List<Alternative> alternatives = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (Found candidate : found) {
            // Near-identical: the same fields changed to the same outcome by the same rules; a change of channel is one
            // alternative whichever channel (the smallest is kept), since the channels offered differ only in capacity.
            List<String> fields = candidate.steps().stream().map(s -> s.change().field()).toList();
            List<Object> key = List.of(fields, candidate.decision().outcome(),
                    fields.contains("channel") ? List.of() : candidate.decision().ruleIds());
            if (alternatives.size() < max && seen.add(key)) {
                alternatives.add(new Alternative(candidate.steps().stream().map(Step::change).toList(),
                        candidate.steps().get(candidate.steps().size() - 1).request(), candidate.decision()));
            }
        }
        return alternatives;
    }

    /** The changes the person asking could make to a request, given its decision. */
    private List<Step> steps(PolicyRequest request, Decision decision) {
        List<Step> steps = new ArrayList<>();
        contentSteps(request, steps);
        for (String action : vocabulary.ids(Kind.ACTIONS)) {
            if (!action.equals(request.action())) {
                steps.add(new Step(new Change("action", request.action(), action,
                        capitalised(words.action(action)) + " instead of " + words.action(request.action())), 0,
                        // Whose tweet it is is no change the asker can make, so the source is never changed; an action
                        // that amplifies nothing leaves it out (not to promote the tweet, but to post one's own).
                        request.toBuilder().action(action).source(vocabulary.takesSource(action) ? request.source() : null).build()));
            }
        }
        String from = words.channel(request.channel(), request.actsOnOwnChannel(), decision.channelType());
        for (Channel channel : channels(request)) {
            PolicyRequest changed = request.toBuilder().channel(channel).build();
            String to = words.channel(channel, changed.actsOnOwnChannel(), decide.apply(changed).channelType());
            if (!to.equals(from)) {
                steps.add(new Step(new Change("channel", from, to, "Use " + to + " instead of " + from), 0, changed));
            }
        }
        if (!decision.isPermitted()) {
            askSteps(request, decision, steps);
        }
        return steps;
    }

    /**
     * Leaving one category out, adding one, or keeping to one; each sized by how many categories it adds or removes, so
     * that keeping to one category the content already has is as small as leaving the other out.
     */
    private void contentSteps(PolicyRequest request, List<Step> steps) {
        List<String> content = request.content();
        String from = String.join(", ", content);
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (content.contains(category) && content.size() > 1) {
                List<String> without = new ArrayList<>(content);
                without.remove(category);
                steps.add(new Step(new Change("content", from, "without " + category, "Leave out " + words.content(category)), 1,
                        request.toBuilder().content(without).build()));
            }
        }
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (!content.contains(category)) {
                List<String> with = new ArrayList<>(content);
                with.add(category);
                steps.add(new Step(new Change("content", from, "with " + category, "Add " + words.content(category)), 1,
                        request.toBuilder().content(with).build()));
            }
        }
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (!content.equals(List.of(category))) {
                int edits = content.size() - (content.contains(category) ? 1 : 0) + (content.contains(category) ? 0 : 1);
                steps.add(new Step(new Change("content", from, "only " + category, "Keep to " + words.content(category) + " only"), edits,
                        request.toBuilder().content(category).build()));
            }
        }
    }

    /**
     * Other channels the person could use instead: one attributed to no named person; their own, in each capacity, when
     * the request gives their id (without it no channel can be theirs); the same owner's, in each other capacity. The
     * type is left for the rule set to classify, so every channel offered is one it can have; the handle, which named
     * the channel asked about, is left out.
     */
    private List<Channel> channels(PolicyRequest request) {
        List<String> capacities = new ArrayList<>();
        capacities.add(null);
        capacities.addAll(vocabulary.ids(Kind.CAPACITIES));
        List<Channel> channels = new ArrayList<>();
        channels.add(new Channel(null, null, null));
        Actor actor = request.actor();
        Owner owner = request.channel().owner();
        for (String capacity : capacities) {
            if (actor.id() != null) {
                channels.add(new Channel(null, null, new Owner(actor.role(), actor.id(), actor.name(), capacity)));
            }
        }
        if (owner != null && !request.actsOnOwnChannel()) {
            for (String capacity : capacities) {
                channels.add(new Channel(null, null, new Owner(owner.role(), owner.id(), owner.name(), capacity)));
            }
        }
        channels.removeIf(channel -> channel.equals(new Channel(request.channel().type(), null, owner)));
        return channels;
    }

    /**
     * Asking the person whose work it is: for each role the decision names as responsible, the channel's owner when the
     * channel is theirs, else someone in that role; never the actor's own role on a channel of their own.
     */
    private void askSteps(PolicyRequest request, Decision decision, List<Step> steps) {
        Owner owner = request.channel().owner();
        List<String> roles = decision.responsibilities().stream().map(Responsibility::role).distinct().toList();
        for (String role : roles) {
            Actor asked;
            String who;
            if (owner != null && owner.role().equals(role) && !request.actsOnOwnChannel()) {
                asked = new Actor(owner.role(), owner.id(), owner.name());
                who = "the channel's owner (" + words.person(role) + ")";
            } else if (!role.equals(request.actor().role())) {
                asked = new Actor(role, null, null);
                who = words.person(role);
            } else {
                continue;
            }
            steps.add(new Step(new Change("ask", request.actor().role(), role, "Ask " + who + ", whose work it is"), 0,
                    request.toBuilder().actor(asked).build()));
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
