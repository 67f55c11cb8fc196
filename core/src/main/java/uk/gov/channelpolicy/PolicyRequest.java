package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The question: may this actor take this action with this content on this channel?
 *
 * <p>Ids are checked against the rule set's vocabulary by {@link ChannelPolicy#evaluate}, not here:
 * the vocabulary belongs to the rule set. Here only the shape is checked.
 *
 * <pre>{@code
 * PolicyRequest request = PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "draft")
 *     .channel(Channel.ownedBy(Owner.of("minister", "jane")).withType("personal"))
 *     .content("party-political")
 *     .build();
 * }</pre>
 *
 * @param actor who wants to act; required
 * @param action an action id; required
 * @param channel the channel; required (an unattributed channel is {@link Channel#unattributed()})
 * @param content one or more content-category ids, each once
 * @param source where the tweet the action amplifies came from, or {@code null}: only an action the rule set lets take
 *     a source (DH: promote, share) may name one, which the rule set's validator checks
 */
public record PolicyRequest(Actor actor, String action, Channel channel, List<String> content, Source source) {

    /**
     * Checks the shape, reporting every problem at once.
     *
     * @param actor who wants to act; required
     * @param action an action id; required
     * @param channel the channel; required (an unattributed channel is {@link Channel#unattributed()})
     * @param content one or more content-category ids, each once
     * @param source where the amplified tweet came from, or {@code null}
     */
    public PolicyRequest {
        List<Problem> problems = new ArrayList<>();
        if (actor == null) {
            problems.add(Problem.at("$.actor", "is required"));
        }
        if (action == null) {
            problems.add(Problem.at("$.action", "is required"));
        }
        if (channel == null) {
            problems.add(Problem.at("$.channel", "is required: give {} for a channel attributed to no named person"));
        }
        if (content == null || content.isEmpty()) {
            problems.add(Problem.at("$.content", "needs at least one content category"));
        } else {
            Set<String> seen = content.size() > 16 ? new HashSet<>() : null;
            for (int i = 0; i < content.size(); i++) {
                String category = content.get(i);
                if (category == null) {
                    problems.add(Problem.at("$.content[" + i + "]", "is null"));
                } else if (seen != null ? !seen.add(category) : listedBefore(content, i)) {
                    problems.add(Problem.at("$.content[" + i + "]", "\"" + category + "\" is listed twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        content = List.copyOf(content);
    }

    /** Whether the category at {@code i} is listed earlier: for a handful of categories, cheaper than a set. */
    private static boolean listedBefore(List<String> content, int i) {
        String category = content.get(i);
        for (int j = 0; j < i; j++) {
            if (category.equals(content.get(j))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request without a source: what every action but one that amplifies another tweet asks.
     *
     * @param actor who wants to act; required
     * @param action an action id; required
     * @param channel the channel; required
     * @param content one or more content-category ids, each once
     */
    public PolicyRequest(Actor actor, String action, Channel channel, List<String> content) {
        this(actor, action, channel, content, null);
    }

    /**
     * Starts a request with its required parts up front.
     *
     * @param actor who wants to act
     * @param action the action id
     * @return a builder; give the channel and content, then {@link Builder#build()}
     */
    public static Builder builder(Actor actor, String action) {
        return new Builder(actor, action);
    }

    /**
     * A builder holding this request's values, to derive a variant.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(actor, action).channel(channel).source(source);
        builder.content.addAll(content);
        return builder;
    }

    /**
     * Whether the actor acts on their own channel: the actor's id equals the channel owner's id.
     *
     * @return true when both ids are given and equal
     */
    public boolean actsOnOwnChannel() {
        // Ids are normalised and never blank (Actor, Owner): two absent ids are nobody, not the same person.
        return actor.id() != null && !actor.id().isEmpty() && channel.owner() != null && actor.id().equals(channel.owner().id());
    }

    /**
     * Whether the amplified tweet is the actor's own: the actor's id equals the source owner's id.
     *
     * @return true when there is a source with an owner, both ids are given and equal
     */
    public boolean sourceIsActorsOwn() {
        return actor.id() != null && !actor.id().isEmpty() && source != null && source.owner() != null
                && actor.id().equals(source.owner().id());
    }

    /** Builds a {@link PolicyRequest}; not thread-safe. */
    public static final class Builder {
        private Actor actor;
        private String action;
        private Channel channel = null;
        private Source source = null;
        private final List<String> content = new ArrayList<>();

        private Builder(Actor actor, String action) {
            this.actor = actor;
            this.action = action;
        }

        /**
         * Sets the actor.
         *
         * @param newActor who wants to act
         * @return this builder
         */
        public Builder actor(Actor newActor) {
            this.actor = newActor;
            return this;
        }

        /**
         * Sets the action.
         *
         * @param newAction the action id
         * @return this builder
         */
        public Builder action(String newAction) {
            this.action = newAction;
            return this;
        }

        /**
         * Sets the channel.
         *
         * @param newChannel the channel
         * @return this builder
         */
        public Builder channel(Channel newChannel) {
            this.channel = newChannel;
            return this;
        }

        /**
         * Sets where the tweet the action amplifies came from.
         *
         * @param newSource the source, or {@code null} for none
         * @return this builder
         */
        public Builder source(Source newSource) {
            this.source = newSource;
            return this;
        }

        /**
         * Replaces the content categories.
         *
         * @param categories one or more content-category ids
         * @return this builder
         */
        public Builder content(String... categories) {
            // Arrays.asList keeps a null element, so build() can report it rather than fail here.
            return content(java.util.Arrays.asList(categories));
        }

        /**
         * Replaces the content categories.
         *
         * @param categories one or more content-category ids
         * @return this builder
         */
        public Builder content(List<String> categories) {
            Objects.requireNonNull(categories, "categories");
            content.clear();
            content.addAll(categories);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws InvalidRequestException listing every missing or repeated part
         */
        public PolicyRequest build() {
            return new PolicyRequest(actor, action, channel, content, source);
        }
    }
}
