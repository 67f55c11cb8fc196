package uk.gov.channelpolicy.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * The request's fields, described once: where each sits in the JSON, which vocabulary its ids come from, whether it is
 * personal data, and whether rules see it. The JSON codec, the one validator, the decision log's masking and the
 * invariants' selectors read this description rather than keeping copies of the request's shape.
 */
public enum RequestField {
    /** The actor's role: an id of the vocabulary's roles; rules see it. */
    ACTOR_ROLE("actor.role", "roles", false, r -> r.actor().role()),
    /** The actor's own id: personal data, never seen by rules. */
    ACTOR_ID("actor.id", null, true, r -> r.actor().id()),
    /** The actor's name: personal data, never seen by rules. */
    ACTOR_NAME("actor.name", null, true, r -> r.actor().name()),
    /** What the actor wants to do: an id of the vocabulary's actions; rules see it. */
    ACTION("action", "actions", false, PolicyRequest::action),
    /** The channel's declared type, if given: an id of the vocabulary's channel types; rules see it. */
    CHANNEL_TYPE("channel.type", "channelTypes", false, r -> r.channel().type()),
    /** The channel's handle: personal data, never seen by rules. */
    CHANNEL_HANDLE("channel.handle", null, true, r -> r.channel().handle()),
    /** The channel owner's role, if the channel has an owner: an id of the vocabulary's roles; rules see it. */
    OWNER_ROLE("channel.owner.role", "roles", false, r -> owner(r, Owner::role)),
    /** The channel owner's id: personal data; rules see only whether it is the actor's own. */
    OWNER_ID("channel.owner.id", null, true, r -> owner(r, Owner::id)),
    /** The channel owner's name: personal data, never seen by rules. */
    OWNER_NAME("channel.owner.name", null, true, r -> owner(r, Owner::name)),
    /** The capacity the owner holds the channel in, if given: an id of the vocabulary's capacities; rules see it. */
    OWNER_CAPACITY("channel.owner.capacity", "capacities", false, r -> owner(r, Owner::capacity)),
    /** The content categories: ids of the vocabulary's content categories, at least one; rules see them. */
    CONTENT("content", "content", false, null),
    /** The amplified tweet's channel handle: personal data, never seen by rules. */
    SOURCE_HANDLE("source.handle", null, true, r -> r.source() == null ? null : r.source().handle()),
    /** The role of the person whose tweet is amplified, if the source has an owner: an id of the vocabulary's roles; rules see it. */
    SOURCE_OWNER_ROLE("source.owner.role", "roles", false, r -> sourceOwner(r, Owner::role)),
    /** The source owner's id: personal data; rules see only whether it is the actor's own. */
    SOURCE_OWNER_ID("source.owner.id", null, true, r -> sourceOwner(r, Owner::id)),
    /** The source owner's name: personal data, never seen by rules. */
    SOURCE_OWNER_NAME("source.owner.name", null, true, r -> sourceOwner(r, Owner::name)),
    /** The capacity the source owner holds their channel in, if given: an id of the vocabulary's capacities; rules see it. */
    SOURCE_OWNER_CAPACITY("source.owner.capacity", "capacities", false, r -> sourceOwner(r, Owner::capacity));

    private final String path;
    private final String vocabulary;
    private final boolean personal;
    private final Function<PolicyRequest, String> single;

    RequestField(String path, String vocabulary, boolean personal, Function<PolicyRequest, String> single) {
        this.path = path;
        this.vocabulary = vocabulary;
        this.personal = personal;
        this.single = single;
    }

    private static String owner(PolicyRequest request, Function<Owner, String> part) {
        Owner owner = request.channel().owner();
        return owner == null ? null : part.apply(owner);
    }

    private static String sourceOwner(PolicyRequest request, Function<Owner, String> part) {
        Owner owner = request.source() == null ? null : request.source().owner();
        return owner == null ? null : part.apply(owner);
    }

    /**
     * Whether an object of the request is there: the actor and the channel always are; the channel's owner, the source
     * and the source's owner only when the request gives them. A writer writes an object that is there even when none
     * of its fields has a value (a source with neither handle nor owner is a corporate account's tweet).
     *
     * @param object the object's dotted path, e.g. {@code source.owner}
     * @param request the request
     * @return whether the request has it
     */
    public static boolean present(String object, PolicyRequest request) {
        return switch (object) {
            case "", "actor", "channel" -> true;
            case "channel.owner" -> request.channel().owner() != null;
            case "source" -> request.source() != null;
            case "source.owner" -> request.source() != null && request.source().owner() != null;
            default -> throw new IllegalArgumentException("the request has no object " + object);
        };
    }

    /**
     * The field's place in the request's JSON, dotted: {@code channel.owner.role}.
     *
     * @return the dotted path
     */
    public String path() {
        return path;
    }

    /**
     * The field's JSON path as problems name it: {@code $.channel.owner.role}.
     *
     * @return the JSON path
     */
    public String jsonPath() {
        return "$." + path;
    }

    /**
     * The object the field sits in, dotted ({@code channel.owner}), or {@code ""} for the request itself.
     *
     * @return the enclosing object's path
     */
    public String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /**
     * The field's own name in its object: {@code role}.
     *
     * @return the name
     */
    public String member() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * The manifest vocabulary key its ids come from ({@code roles}, {@code actions}, ...), or null for free text.
     *
     * @return the vocabulary key, or null
     */
    public String vocabulary() {
        return vocabulary;
    }

    /**
     * Whether the field is personal data: masked in the decision log, kept out of working memory.
     *
     * @return true for personal data
     */
    public boolean personal() {
        return personal;
    }

    /**
     * Whether the field holds a list ({@code content}) rather than one value.
     *
     * @return true for a list
     */
    public boolean many() {
        return single == null;
    }

    /**
     * The field's values in a request: one value, none when absent, or every content category.
     *
     * @param request the request
     * @return the values, in request order
     */
    public List<String> values(PolicyRequest request) {
        if (single == null) {
            return request.content();
        }
        String value = single.apply(request);
        return value == null ? List.of() : List.of(value);
    }

    /**
     * The fields rules can see: every field that is not personal data.
     *
     * @return the fields, in request order
     */
    public static List<RequestField> ruleVisible() {
        List<RequestField> visible = new ArrayList<>();
        for (RequestField field : values()) {
            if (!field.personal) {
                visible.add(field);
            }
        }
        return Collections.unmodifiableList(visible);
    }

    /**
     * The names of the fields directly inside one object of the request, in request order, nested objects included:
     * what a strict reader accepts there.
     *
     * @param parent the object's dotted path, {@code ""} for the request itself
     * @return the member names
     */
    public static List<String> members(String parent) {
        List<String> names = new ArrayList<>();
        for (RequestField field : values()) {
            String member = memberOf(field.path, parent);
            if (member != null && !names.contains(member)) {
                names.add(member);
            }
        }
        return Collections.unmodifiableList(names);
    }

    private static String memberOf(String path, String parent) {
        String rest;
        if (parent.isEmpty()) {
            rest = path;
        } else if (path.startsWith(parent + ".")) {
            rest = path.substring(parent.length() + 1);
        } else {
            return null;
        }
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
