package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.facts.Groups;

/**
 * The ids a rule set understands, by kind, in the order its manifest lists them. The vocabulary
 * belongs to the rule set, not to Java: a forked rule set adds or renames ids in its manifest.
 */
public final class Vocabulary implements Groups {

    /** The kinds of id a request or decision uses. */
    public enum Kind {
        /** Who acts or owns a channel, e.g. {@code minister}. */
        ROLES("roles", "role"),
        /** How a channel is classified, e.g. {@code corporate}. */
        CHANNEL_TYPES("channelTypes", "channel type"),
        /** What the actor wants to do, e.g. {@code draft}. */
        ACTIONS("actions", "action"),
        /** What the content is, e.g. {@code party-political}. */
        CONTENT("content", "content category"),
        /** Codes of conduct a decision can say apply. */
        CODES("codes", "code"),
        /** Principles advice can apply. */
        PRINCIPLES("principles", "principle"),
        /** Capacities a channel owner can use a channel in, e.g. {@code official}. */
        CAPACITIES("capacities", "capacity");

        private final String key;
        private final String singular;

        Kind(String key, String singular) {
            this.key = key;
            this.singular = singular;
        }

        /**
         * The kind's key in a manifest's {@code vocabulary} object.
         *
         * @return the key, e.g. {@code channelTypes}
         */
        public String key() {
            return key;
        }

        /**
         * The kind a manifest key names, as the request-field description names a field's vocabulary.
         *
         * @param key a manifest vocabulary key, e.g. {@code channelTypes}
         * @return the kind
         * @throws IllegalArgumentException if no kind has that key
         */
        public static Kind forKey(String key) {
            for (Kind kind : values()) {
                if (kind.key.equals(key)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no vocabulary kind has the key " + key);
        }

        /**
         * The kind's name in messages.
         *
         * @return e.g. {@code channel type}
         */
        public String singular() {
            return singular;
        }
    }

    /**
     * One id with its human-readable label and, optionally, a one-line definition.
     *
     * @param id the stable id
     * @param label how people read it, e.g. {@code Communications Division}
     * @param description what the id means in one line, from the manifest's {@code description}, e.g. what sets
     *     party-political content apart from political content; {@code null} when the manifest gives none
     */
    public record Term(String id, String label, String description) {
        /**
         * Checks that the id and label are given.
         *
         * @param id the stable id
         * @param label how people read it, e.g. {@code Communications Division}
         * @param description a one-line definition, or {@code null}
         */
        public Term {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
        }

        /**
         * A term without a definition.
         *
         * @param id the stable id
         * @param label how people read it
         */
        public Term(String id, String label) {
            this(id, label, null);
        }
    }

    /**
     * A named group of ids of one kind, which rules use by name: {@code Request( actionGroups contains "speaking" )}.
     * Conditions name the group, so a fork changes who or what is in it as data, in its manifest.
     *
     * @param id the group's id
     * @param label how people read it
     * @param kind the kind of its members: roles or actions
     * @param members its members, ids of that kind
     */
    public record Group(String id, String label, Kind kind, List<String> members) {
        /**
         * Checks and copies the parts.
         *
         * @param id the group's id
         * @param label how people read it
         * @param kind the kind of its members
         * @param members its members
         */
        public Group {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            members = List.copyOf(members);
        }
    }

    /**
     * What a valid request must be, beyond known ids: when a request matches {@code when}, it must match
     * {@code require}, or it contradicts itself and is invalid (no decision is made). Checked by the one validator
     * that every request passes through, so a contradictory request is an error with a path, never a decision.
     * Each condition maps a field to the values it accepts; a field matches when the request's value is one of them.
     * Fields: {@code actor.role}, {@code action}, {@code channel.type}, {@code channel.owner.role},
     * {@code channel.owner.capacity} (ids, or {@code absent} when the request gives none) and {@code channel.owner}
     * ({@code present} or {@code absent}).
     *
     * <pre>
     * { "id": "corporate-channel-has-no-owner",
     *   "description": "a corporate channel is not attributed to a named person: ...",
     *   "when": { "channel.type": ["corporate"] }, "require": { "channel.owner": ["absent"] } }
     * </pre>
     *
     * @param id a stable id
     * @param description what is wrong with a request that breaks it, and what to do: the problem's message
     * @param when the requests it speaks to, field to accepted values; empty for every request
     * @param require what those requests must be, field to accepted values; not empty
     */
    public record Constraint(String id, String description, Map<String, List<String>> when, Map<String, List<String>> require) {
        /** The fields a constraint may test. */
        public static final List<String> FIELDS = List.of("actor.role", "action", "channel.type", "channel.owner",
                "channel.owner.role", "channel.owner.capacity");
        /** The value of a field the request leaves out. */
        public static final String ABSENT = "absent";
        /** The value of {@code channel.owner} when the request names one. */
        public static final String PRESENT = "present";

        /**
         * Checks and copies the parts.
         *
         * @param id a stable id
         * @param description the problem's message
         * @param when the selection
         * @param require the requirement
         */
        public Constraint {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
            when = copy(when);
            require = copy(require);
            if (require.isEmpty()) {
                throw new IllegalArgumentException("constraint \"" + id + "\" requires nothing");
            }
            for (String field : java.util.stream.Stream.concat(when.keySet().stream(), require.keySet().stream()).toList()) {
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("constraint \"" + id + "\" tests \"" + field + "\", which is not one of " + FIELDS);
                }
            }
        }

        private static Map<String, List<String>> copy(Map<String, List<String>> conditions) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            conditions.forEach((field, values) -> copy.put(field, List.copyOf(values)));
            return java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * The problem with a request, if it matches {@code when} and not {@code require}.
         *
         * @param request a request whose ids are known
         * @return the problem, at the JSON path of the first required field it fails, or empty
         */
        public Optional<Problem> check(PolicyRequest request) {
            for (Map.Entry<String, List<String>> condition : when.entrySet()) {
                if (!condition.getValue().contains(value(request, condition.getKey()))) {
                    return Optional.empty();
                }
            }
            for (Map.Entry<String, List<String>> condition : require.entrySet()) {
                if (!condition.getValue().contains(value(request, condition.getKey()))) {
                    return Optional.of(new Problem("$." + condition.getKey(), description, condition.getValue(), null, 0, 0));
                }
            }
            return Optional.empty();
        }

        private static String value(PolicyRequest request, String field) {
            Owner owner = request.channel().owner();
            String value = switch (field) {
                case "actor.role" -> request.actor().role();
                case "action" -> request.action();
                case "channel.type" -> request.channel().type();
                case "channel.owner" -> owner == null ? ABSENT : PRESENT;
                case "channel.owner.role" -> owner == null ? null : owner.role();
                case "channel.owner.capacity" -> owner == null ? null : owner.capacity();
                default -> throw new IllegalStateException("unknown constraint field " + field);
            };
            return value == null ? ABSENT : value;
        }
    }

    /**
     * The action group whose members, and only they, may take a source: actions that amplify another tweet (DH:
     * promote, share). A rule set without this group lets no action take a source; a fork changes who is in it as data.
     */
    public static final String SOURCE_ACTIONS_GROUP = "amplifying";

    /** The kinds of id a group may gather: what the request's role and action fields hold. */
    public static final java.util.Set<Kind> GROUPABLE = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(Kind.ROLES, Kind.ACTIONS));

    private final Map<Kind, Map<String, Term>> terms;
    private final List<Group> groups;
    /** For each groupable kind, each id's groups: the set a request fact carries, made once and shared. */
    private final Map<Kind, Map<String, java.util.Set<String>>> groupsOf;
    /** Each id's place in its kind's list: decisions sort codes and roles by it on every evaluation. */
    private final Map<Kind, Map<String, Integer>> order;

    private final List<Constraint> constraints;

    private Vocabulary(Map<Kind, Map<String, Term>> terms, List<Group> groups, List<Constraint> constraints) {
        this.terms = terms;
        this.groups = List.copyOf(groups);
        this.constraints = List.copyOf(constraints);
        Map<Kind, Map<String, java.util.Set<String>>> byMember = new EnumMap<>(Kind.class);
        for (Kind kind : GROUPABLE) {
            Map<String, java.util.Set<String>> memberGroups = new java.util.HashMap<>();
            for (String id : terms.get(kind).keySet()) {
                java.util.Set<String> in = new java.util.TreeSet<>();
                for (Group group : this.groups) {
                    if (group.kind() == kind && group.members().contains(id)) {
                        in.add(group.id());
                    }
                }
                memberGroups.put(id, java.util.Set.copyOf(in));
            }
            byMember.put(kind, Map.copyOf(memberGroups));
        }
        this.groupsOf = byMember;
        Map<Kind, Map<String, Integer>> places = new EnumMap<>(Kind.class);
        terms.forEach((kind, byId) -> {
            Map<String, Integer> place = new java.util.HashMap<>();
            for (String id : byId.keySet()) {
                place.put(id, place.size());
            }
            places.put(kind, Map.copyOf(place));
        });
        this.order = places;
    }

    /**
     * Creates a vocabulary. Every kind must be present (possibly empty); ids within a kind are unique.
     *
     * @param termsByKind the terms of each kind, in order
     * @return the vocabulary
     * @throws IllegalArgumentException if a kind is missing or an id repeats
     */
    public static Vocabulary of(Map<Kind, List<Term>> termsByKind) {
        return of(termsByKind, List.of());
    }

    /**
     * Creates a vocabulary with named groups. Every kind must be present (possibly empty); ids within a kind are
     * unique; a group gathers known roles or actions and its id is unique.
     *
     * @param termsByKind the terms of each kind, in order
     * @param groups the named groups, in order
     * @return the vocabulary
     * @throws IllegalArgumentException if a kind is missing, an id repeats, or a group is not of known ids
     */
    public static Vocabulary of(Map<Kind, List<Term>> termsByKind, List<Group> groups) {
        return build(termsByKind, groups, true);
    }

    /** A fork's additions: its groups may gather its base's ids, so they are checked only when combined ({@link #plus}). */
    static Vocabulary additions(Map<Kind, List<Term>> termsByKind, List<Group> groups) {
        return build(termsByKind, groups, false);
    }

    private static Vocabulary build(Map<Kind, List<Term>> termsByKind, List<Group> groups, boolean checkMembers) {
        Map<Kind, Map<String, Term>> terms = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Term> list = termsByKind.get(kind);
            if (list == null) {
                throw new IllegalArgumentException("vocabulary has no " + kind.key());
            }
            Map<String, Term> byId = new LinkedHashMap<>();
            for (Term term : list) {
                if (byId.put(term.id(), term) != null) {
                    throw new IllegalArgumentException(kind.key() + " lists \"" + term.id() + "\" twice");
                }
            }
            terms.put(kind, java.util.Collections.unmodifiableMap(byId));
        }
        java.util.Set<String> groupIds = new java.util.HashSet<>();
        for (Group group : groups) {
            if (!GROUPABLE.contains(group.kind())) {
                throw new IllegalArgumentException("group \"" + group.id() + "\" gathers " + group.kind().key() + "; groups gather roles or actions");
            }
            if (group.id().equals(SOURCE_ACTIONS_GROUP) && group.kind() != Kind.ACTIONS) {
                throw new IllegalArgumentException("group \"" + SOURCE_ACTIONS_GROUP + "\" names the actions that take a source, so it gathers"
                        + " actions, not " + group.kind().key());
            }
            if (!groupIds.add(group.id())) {
                throw new IllegalArgumentException("groups lists \"" + group.id() + "\" twice");
            }
            for (String member : group.members()) {
                if (checkMembers && !terms.get(group.kind()).containsKey(member)) {
                    throw new IllegalArgumentException("group \"" + group.id() + "\" has \"" + member + "\", which is not one of the "
                            + group.kind().key() + " " + terms.get(group.kind()).keySet());
                }
            }
        }
        return new Vocabulary(terms, groups, List.of());
    }

    /**
     * This vocabulary with constraints that valid requests must meet.
     *
     * @param constraints the constraints, in order
     * @return the vocabulary with exactly these constraints
     * @throws IllegalArgumentException if an id repeats, or a constraint names an id of no kind its field takes
     */
    public Vocabulary withConstraints(List<Constraint> constraints) {
        return withConstraints(constraints, true);
    }

    /** A fork's additions: their constraints may name its base's ids, so they are checked only when combined ({@link #plus}). */
    Vocabulary withConstraints(List<Constraint> constraints, boolean checkValues) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Constraint constraint : constraints) {
            if (!ids.add(constraint.id())) {
                throw new IllegalArgumentException("constraints lists \"" + constraint.id() + "\" twice");
            }
            if (checkValues) {
                checkValues(constraint, constraint.when());
                checkValues(constraint, constraint.require());
            }
        }
        return new Vocabulary(terms, groups, constraints);
    }

    private void checkValues(Constraint constraint, Map<String, List<String>> conditions) {
        conditions.forEach((field, values) -> {
            for (String value : values) {
                boolean known = switch (field) {
                    case "actor.role", "channel.owner.role" -> contains(Kind.ROLES, value);
                    case "action" -> contains(Kind.ACTIONS, value);
                    case "channel.type" -> contains(Kind.CHANNEL_TYPES, value) || value.equals(Constraint.ABSENT);
                    case "channel.owner.capacity" -> contains(Kind.CAPACITIES, value) || value.equals(Constraint.ABSENT);
                    default -> value.equals(Constraint.ABSENT) || value.equals(Constraint.PRESENT);
                };
                if (!known) {
                    throw new IllegalArgumentException("constraint \"" + constraint.id() + "\" gives " + field + " the value \"" + value
                            + "\", which that field never has");
                }
            }
        });
    }

    /**
     * The constraints a valid request must meet, beyond known ids.
     *
     * @return the constraints, in manifest order (a fork's after its base's)
     */
    public List<Constraint> constraints() {
        return constraints;
    }

    /**
     * What makes a request whose ids are all known contradict itself: a source on an action that takes none, and the
     * problems of the constraints it breaks.
     *
     * @param request a request whose ids are known
     * @return the problems, empty for a valid request
     */
    public List<Problem> contradictions(PolicyRequest request) {
        List<Problem> problems = null;
        if (request.source() != null && !takesSource(request.action())) {
            // A source says whose tweet an action amplifies: on an action that amplifies nothing it contradicts the action.
            problems = new java.util.ArrayList<>();
            problems.add(misplacedSource(request.action()));
        }
        // One id names one person: an owner with the actor's id is the actor, so has the actor's role. Otherwise the
        // request would be read as the actor's own channel (or tweet) while saying someone else holds it.
        if (request.actsOnOwnChannel() && !request.channel().owner().role().equals(request.actor().role())) {
            problems = added(problems, anotherRole("$.channel.owner.role", "the channel's owner", request));
        }
        if (request.sourceIsActorsOwn() && !request.source().owner().role().equals(request.actor().role())) {
            problems = added(problems, anotherRole("$.source.owner.role", "the amplified tweet's owner", request));
        }
        for (Constraint constraint : constraints) {
            Optional<Problem> problem = constraint.check(request);
            if (problem.isPresent()) {
                if (problems == null) {
                    problems = new java.util.ArrayList<>();
                }
                problems.add(problem.get());
            }
        }
        return problems == null ? List.of() : problems;
    }

    /**
     * This vocabulary with another's ids added after its own, kind by kind: a fork's vocabulary.
     *
     * @param additions the ids to add
     * @return the combined vocabulary
     * @throws IllegalArgumentException if an addition is already an id of its kind
     */
    public Vocabulary plus(Vocabulary additions) {
        Map<Kind, List<Term>> combined = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Term> list = new java.util.ArrayList<>(terms(kind));
            for (Term term : additions.terms(kind)) {
                if (contains(kind, term.id())) {
                    throw new IllegalArgumentException(kind.key() + " already has \"" + term.id() + "\"; a fork adds only new ids");
                }
                list.add(term);
            }
            combined.put(kind, list);
        }
        // A fork's group replaces its base's group of the same id: who is in a group is data a fork may change.
        Map<String, Group> groupsById = new LinkedHashMap<>();
        groups.forEach(group -> groupsById.put(group.id(), group));
        additions.groups().forEach(group -> groupsById.put(group.id(), group));
        // A fork keeps its base's constraints and adds its own.
        List<Constraint> allConstraints = new java.util.ArrayList<>(constraints);
        allConstraints.addAll(additions.constraints());
        return of(combined, List.copyOf(groupsById.values())).withConstraints(allConstraints);
    }

    /**
     * The ids of a kind, in manifest order.
     *
     * @param kind the kind
     * @return the ids
     */
    public List<String> ids(Kind kind) {
        return List.copyOf(terms.get(kind).keySet());
    }

    /**
     * The terms of a kind, in manifest order.
     *
     * @param kind the kind
     * @return the terms
     */
    public List<Term> terms(Kind kind) {
        return List.copyOf(terms.get(kind).values());
    }

    /**
     * The named groups, in manifest order (a fork's after its base's).
     *
     * @return the groups
     */
    public List<Group> groups() {
        return groups;
    }

    /**
     * The groups an id belongs to: what a request fact carries for its role or action.
     *
     * @param kind roles or actions
     * @param id an id of that kind
     * @return the group ids, empty for an unknown id
     */
    public java.util.Set<String> groupsOf(Kind kind, String id) {
        Map<String, java.util.Set<String>> byId = groupsOf.get(kind);
        return byId == null || id == null ? java.util.Set.of() : byId.getOrDefault(id, java.util.Set.of());
    }

    /**
     * The actions that may take a source: the members of the {@value #SOURCE_ACTIONS_GROUP} action group, in
     * vocabulary order; empty when the vocabulary has no such group.
     *
     * @return the action ids
     */
    public List<String> sourceActions() {
        List<String> actions = new ArrayList<>();
        for (String action : ids(Kind.ACTIONS)) {
            if (groupsOf(Kind.ACTIONS, action).contains(SOURCE_ACTIONS_GROUP)) {
                actions.add(action);
            }
        }
        return List.copyOf(actions);
    }

    /**
     * Whether an action may take a source: it is in the {@value #SOURCE_ACTIONS_GROUP} action group.
     *
     * @param action an action id
     * @return true when a request with this action may name a source
     */
    public boolean takesSource(String action) {
        return groupsOf(Kind.ACTIONS, action).contains(SOURCE_ACTIONS_GROUP);
    }

    /**
     * Whether the kind has this id.
     *
     * @param kind the kind
     * @param id the id
     * @return true if the id is defined
     */
    public boolean contains(Kind kind, String id) {
        return terms.get(kind).containsKey(id);
    }

    /**
     * The label of an id, or the id itself when it is not defined.
     *
     * @param kind the kind
     * @param id the id
     * @return the label
     */
    public String label(Kind kind, String id) {
        Term term = terms.get(kind).get(id);
        return term == null ? id : term.label();
    }

    /**
     * The position of an id in manifest order, for sorting; unknown ids sort last.
     *
     * @param kind the kind
     * @param id the id
     * @return the 0-based position, or {@link Integer#MAX_VALUE}
     */
    public int order(Kind kind, String id) {
        return order.get(kind).getOrDefault(id, Integer.MAX_VALUE);
    }

    @Override
    public Set<String> ofRole(String role) {
        return groupsOf(Kind.ROLES, role);
    }

    @Override
    public Set<String> ofAction(String action) {
        return groupsOf(Kind.ACTIONS, action);
    }

    /**
     * The vocabulary check of a request: every id it uses that this vocabulary does not have, each with its JSON path,
     * the allowed ids and a suggestion, then the {@link #contradictions} between known ids. The serving version runs it
     * once per request, whether the request came as JSON or as records, except where a domain index has already looked
     * up each id (the decision table's path, and the engine's for a request with an index): there only the
     * contradictions are left to check, and a request that fails the index comes here for its messages.
     *
     * @param request the request
     * @return the problems, empty when every id is known
     */
    public List<Problem> problems(PolicyRequest request) {
        Vocabulary vocabulary = this;
        // Every request passes through here: the common case (every id known) allocates nothing.
        Owner owner = request.channel().owner();
        String type = request.channel().type();
        Owner sourceOwner = request.source() == null ? null : request.source().owner();
        boolean known = vocabulary.contains(Kind.ROLES, request.actor().role())
                && vocabulary.contains(Kind.ACTIONS, request.action())
                && (type == null || vocabulary.contains(Kind.CHANNEL_TYPES, type))
                && (owner == null || vocabulary.contains(Kind.ROLES, owner.role())
                        && (owner.capacity() == null || vocabulary.contains(Kind.CAPACITIES, owner.capacity())))
                && (sourceOwner == null || vocabulary.contains(Kind.ROLES, sourceOwner.role())
                        && (sourceOwner.capacity() == null || vocabulary.contains(Kind.CAPACITIES, sourceOwner.capacity())));
        List<String> content = request.content();
        for (int i = 0; known && i < content.size(); i++) {
            known = vocabulary.contains(Kind.CONTENT, content.get(i));
        }
        if (known) {
            // Known ids may still contradict each other (a corporate channel with a named owner): the manifest's
            // constraints say so, here, in the one validator, so no rule ever decides a contradictory request.
            return vocabulary.contradictions(request);
        }
        List<Problem> problems = new ArrayList<>();
        vocabulary.check(Kind.ROLES, request.actor().role(), "$.actor.role").ifPresent(problems::add);
        vocabulary.check(Kind.ACTIONS, request.action(), "$.action").ifPresent(problems::add);
        if (type != null) {
            vocabulary.check(Kind.CHANNEL_TYPES, type, "$.channel.type").ifPresent(problems::add);
        }
        if (owner != null) {
            vocabulary.check(Kind.ROLES, owner.role(), "$.channel.owner.role").ifPresent(problems::add);
            if (owner.capacity() != null) {
                vocabulary.check(Kind.CAPACITIES, owner.capacity(), "$.channel.owner.capacity").ifPresent(problems::add);
            }
        }
        for (int i = 0; i < content.size(); i++) {
            vocabulary.check(Kind.CONTENT, content.get(i), "$.content[" + i + "]").ifPresent(problems::add);
        }
        if (sourceOwner != null) {
            vocabulary.check(Kind.ROLES, sourceOwner.role(), "$.source.owner.role").ifPresent(problems::add);
            if (sourceOwner.capacity() != null) {
                vocabulary.check(Kind.CAPACITIES, sourceOwner.capacity(), "$.source.owner.capacity").ifPresent(problems::add);
            }
        }
        if (request.source() != null && vocabulary.contains(Kind.ACTIONS, request.action()) && !takesSource(request.action())) {
            problems.add(misplacedSource(request.action()));
        }
        return problems;
    }

    private static List<Problem> added(List<Problem> problems, Problem problem) {
        List<Problem> list = problems == null ? new java.util.ArrayList<>() : problems;
        list.add(problem);
        return list;
    }

    /** The problem with an owner who has the actor's id but another role: the one role allowed is the actor's. */
    private static Problem anotherRole(String path, String who, PolicyRequest request) {
        String role = request.actor().role();
        return new Problem(path, "contradicts itself: " + who + " has the actor's id \"" + request.actor().id()
                + "\", so is the actor, whose role is \"" + role + "\"; give the actor's role here, or another person's id",
                List.of(role), role, 0, 0);
    }

    /**
     * The problem with a source on an action that amplifies no other tweet: it names the actions that take one, and
     * suggests the nearest of them to the action given, if one is near.
     */
    private Problem misplacedSource(String action) {
        List<String> allowed = sourceActions();
        String message = allowed.isEmpty()
                ? "is not taken by any action of this rule set: remove the source"
                : "names where an amplified tweet came from, so only an action that amplifies another tweet takes one ("
                        + String.join(", ", allowed) + "), not \"" + action + "\": remove the source, or choose one of those actions";
        return new Problem("$.source", message, allowed, Problem.nearest(action, allowed).orElse(null), 0, 0);
    }

    /**
     * The problem with a value at a path, if it is not an id of the kind: the message names the
     * kind, lists the allowed ids, and suggests the nearest one for a near miss.
     *
     * @param kind the kind the value must be
     * @param value the value given
     * @param path the JSON path of the value
     * @return the problem, or empty when the value is a known id
     */
    public Optional<Problem> check(Kind kind, String value, String path) {
        if (contains(kind, value)) {
            return Optional.empty();
        }
        String article = kind.singular().matches("[aeiou].*") ? "an " : "a ";
        return Optional.of(new Problem(path, "\"" + value + "\" is not " + article + kind.singular(), ids(kind),
                suggest(kind, value).orElse(null), 0, 0));
    }

    /**
     * The allowed id nearest to a value, if it is a near miss: a small edit distance ignoring case,
     * or the only id that starts with or contains it.
     *
     * @param kind the kind
     * @param value the value given
     * @return the suggestion, or empty when nothing is near
     */
    public Optional<String> suggest(Kind kind, String value) {
        return Problem.nearest(value, terms.get(kind).keySet());
    }

    /** Two vocabularies are equal when they have the same terms, kind by kind, in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary that && terms.equals(that.terms) && groups.equals(that.groups)
                && constraints.equals(that.constraints)
                && java.util.Arrays.stream(Kind.values()).allMatch(k -> terms(k).equals(that.terms(k)));
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Vocabulary[");
        for (Kind kind : Kind.values()) {
            text.append(kind.key()).append('=').append(ids(kind)).append(", ");
        }
        text.append("groups=").append(groups.stream().map(Group::id).toList());
        return text.append(']').toString();
    }
}
