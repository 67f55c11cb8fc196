package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Searches the finite vocabulary around a request for the smallest changes that change the
 * outcome: every single-field change first (another role, action, channel type, owner, one content
 * category more or fewer, or one category instead of all), then pairs of changes to different fields if
 * no single change does.
 */
final class WhyNot {
    /** The most alternatives an explanation lists. */
    static final int MAX_ALTERNATIVES = 12;

    private final Vocabulary vocabulary;
    private final Function<PolicyRequest, Decision> decide;

    WhyNot(Vocabulary vocabulary, Function<PolicyRequest, Decision> decide) {
        this.vocabulary = vocabulary;
        this.decide = decide;
    }

    /** A one-field variant of a request. */
    private record Step(Change change, PolicyRequest request) {
    }

    List<Alternative> alternatives(PolicyRequest request, Decision decision) {
        boolean permitted = decision.isPermitted();
        List<Step> steps = steps(request);
        List<Alternative> found = new ArrayList<>();
        for (Step step : steps) {
            Decision other = decide.apply(step.request());
            if (other.isPermitted() != permitted) {
                found.add(new Alternative(List.of(step.change()), step.request(), other));
            }
        }
        if (found.isEmpty()) {
            for (Step first : steps) {
                for (Step second : steps(first.request())) {
                    if (second.change().field().equals(first.change().field()) || fieldOrder(second) < fieldOrder(first)) {
                        continue;
                    }
                    Decision other = decide.apply(second.request());
                    if (other.isPermitted() != permitted) {
                        found.add(new Alternative(List.of(first.change(), second.change()), second.request(), other));
                        if (found.size() >= MAX_ALTERNATIVES) {
                            return found;
                        }
                    }
                }
            }
        }
        return found.size() > MAX_ALTERNATIVES ? found.subList(0, MAX_ALTERNATIVES) : found;
    }

    private static int fieldOrder(Step step) {
        return List.of("actor.role", "action", "channel.type", "channel.owner", "content").indexOf(step.change().field());
    }

    private List<Step> steps(PolicyRequest request) {
        List<Step> steps = new ArrayList<>();
        for (String role : vocabulary.ids(Kind.ROLES)) {
            if (!role.equals(request.actor().role())) {
                Actor actor = new Actor(role, request.actor().id(), request.actor().name());
                steps.add(new Step(new Change("actor.role", request.actor().role(), role), request.toBuilder().actor(actor).build()));
            }
        }
        for (String action : vocabulary.ids(Kind.ACTIONS)) {
            if (!action.equals(request.action())) {
                steps.add(new Step(new Change("action", request.action(), action), request.toBuilder().action(action).build()));
            }
        }
        List<String> types = new ArrayList<>(vocabulary.ids(Kind.CHANNEL_TYPES));
        types.add(null);
        for (String type : types) {
            if (!Objects.equals(type, request.channel().type())) {
                steps.add(new Step(new Change("channel.type", typeText(request.channel().type()), typeText(type)),
                        request.toBuilder().channel(request.channel().withType(type)).build()));
            }
        }
        for (Owner owner : owners(request)) {
            if (!Objects.equals(owner, request.channel().owner())) {
                Channel channel = new Channel(request.channel().type(), request.channel().handle(), owner);
                steps.add(new Step(new Change("channel.owner", ownerText(request, request.channel().owner()), ownerText(request, owner)),
                        request.toBuilder().channel(channel).build()));
            }
        }
        Set<String> content = new LinkedHashSet<>(request.content());
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            Set<String> changed = new LinkedHashSet<>(content);
            String to;
            if (content.contains(category)) {
                if (content.size() == 1) {
                    continue;
                }
                changed.remove(category);
                to = "without " + category;
            } else {
                changed.add(category);
                to = "with " + category;
            }
            steps.add(new Step(new Change("content", String.join(", ", content), to),
                    request.toBuilder().content(List.copyOf(changed)).build()));
        }
        for (String category : vocabulary.ids(Kind.CONTENT)) {
            if (content.size() > 1 || !content.contains(category)) {
                steps.add(new Step(new Change("content", String.join(", ", content), "only " + category),
                        request.toBuilder().content(category).build()));
            }
        }
        return steps;
    }

    /** No owner; the actor's own channel in each capacity; another person of each role in each capacity. */
    private List<Owner> owners(PolicyRequest request) {
        List<String> capacities = new ArrayList<>(vocabulary.ids(Kind.CAPACITIES));
        capacities.add(0, null);
        List<Owner> owners = new ArrayList<>();
        owners.add(null);
        Owner current = request.channel().owner();
        String otherId = current != null && !request.actsOnOwnChannel() && current.id() != null ? current.id() : "someone-else";
        for (String capacity : capacities) {
            if (request.actor().id() != null) {
                owners.add(new Owner(request.actor().role(), request.actor().id(), request.actor().name(), capacity));
            }
            for (String role : vocabulary.ids(Kind.ROLES)) {
                owners.add(new Owner(role, otherId, null, capacity));
            }
        }
        return owners;
    }

    private static String typeText(String type) {
        return type == null ? "(classified from the owner)" : type;
    }

    private static String ownerText(PolicyRequest request, Owner owner) {
        if (owner == null) {
            return "no named person";
        }
        String who = request.actor().id() != null && request.actor().id().equals(owner.id())
                ? "the actor's own channel" : "another " + owner.role() + "'s channel";
        return owner.capacity() == null ? who : who + " (" + owner.capacity() + " capacity)";
    }
}
