package uk.gov.channelpolicy.benchmarks;

import java.util.List;
import java.util.Set;
import org.casbin.jcasbin.main.EnforceResult;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.EnforceContext;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * A peer: the DH policy as a jCasbin ABAC model. Each policy line names a DRL rule by its id; the model's matcher
 * holds each rule's condition over the request's attributes, guarded by the line's id, so every matcher is
 * compiled once. (The other ABAC style, a condition per policy line run through {@code eval()}, makes jCasbin
 * compile every line's expression on every call: about 3 to 5 ms a decision here, so it is not used.) Casbin
 * answers yes or no, so a decision takes up to three enforcements, as the rule set is layered: classify the
 * channel ({@code p2}, whose matching line names the type), then any deny line ({@code p}), then any permit line
 * ({@code p3}). It answers an {@link Outcome} and the channel type; it has no codes, reasons or advice to give.
 * A {@link SyncedEnforcer}, as jCasbin advises for use from many threads.
 */
final class JCasbinSubject implements Subject {
    private static final EnforceContext CLASSIFY = new EnforceContext("2");
    private static final EnforceContext PERMIT = new EnforceContext("3");

    private static final String SPEAKING = "(r.sub.action == 'draft' || r.sub.action == 'post' || r.sub.action == 'reply'"
            + " || r.sub.action == 'manage' || r.sub.action == 'follow' || r.sub.action == 'list' || r.sub.action == 'share'"
            + " || r.sub.action == 'like' || r.sub.action == 'delete')";
    private static final String IN_DEPARTMENT = "(r.sub.actorRole == 'minister' || " + "r.sub.actorRole == 'official'"
            + " || r.sub.actorRole == 'communications-division' || r.sub.actorRole == 'private-office')";
    private static final String OWNER_IN_DEPARTMENT = "(r.sub.ownerRole == 'minister' || r.sub.ownerRole == 'official'"
            + " || r.sub.ownerRole == 'communications-division' || r.sub.ownerRole == 'private-office')";
    private static final String CIVIL_SERVANT = "(r.sub.actorRole == 'official' || r.sub.actorRole == 'communications-division'"
            + " || r.sub.actorRole == 'private-office')";

    /** Deleting (dh's removing group) takes content off a channel: the limits on what a channel carries leave it out. */
    private static final String NOT_REMOVING = " && r.sub.action != 'delete'";

    private static final String OWNER_CIVIL_SERVANT = "(r.sub.ownerRole == 'official' || r.sub.ownerRole == 'communications-division'"
            + " || r.sub.ownerRole == 'private-office')";

    /** One policy line and the condition under which it matches, written over {@code r.sub}. */
    private record Line(String id, String condition) {
    }

    private static final List<Line> CLASSIFICATION = List.of(
            new Line("corporate", "r.sub.declaredType == 'corporate' || (r.sub.declaredType == nil && !r.sub.owned)"),
            new Line("official", "r.sub.declaredType == 'official'"
                    + " || (r.sub.declaredType == nil && r.sub.owned && r.sub.ownerCapacity == 'official' && " + OWNER_IN_DEPARTMENT + ")"),
            new Line("personal", "r.sub.declaredType == 'personal'"
                    + " || (r.sub.declaredType == nil && r.sub.owned && (r.sub.ownerCapacity != 'official' || !" + OWNER_IN_DEPARTMENT + "))"));

    private static final List<Line> DENIES = List.of(
            new Line("dh.channels.corporate-carries-no-personal-content",
                    "r.sub.channelType == 'corporate' && include(r.sub.content, 'personal') && " + IN_DEPARTMENT + NOT_REMOVING),
            new Line("dh.channels.official-carries-no-personal-content",
                    "r.sub.channelType == 'official' && include(r.sub.content, 'personal') && " + IN_DEPARTMENT + NOT_REMOVING),
            new Line("dh.partisan.no-civil-service-resources-for-party-politics",
                    CIVIL_SERVANT + " && !r.sub.own && include(r.sub.content, 'party-political')"
                            + NOT_REMOVING),
            new Line("dh.partisan.civil-servant-personal-channel-is-impartial",
                    "r.sub.channelType == 'personal' && " + CIVIL_SERVANT + " && r.sub.own && include(r.sub.content, 'party-political')"
                            + NOT_REMOVING),
            new Line("dh.partisan.no-departmental-channel-for-a-ministers-party-politics",
                    "(r.sub.channelType == 'corporate' || r.sub.channelType == 'official') && r.sub.actorRole == 'minister'"
                            + " && include(r.sub.content, 'party-political') && (!r.sub.owned || " + OWNER_CIVIL_SERVANT + ")" + NOT_REMOVING),
            new Line("dh.ministers.no-official-help-with-party-political",
                    CIVIL_SERVANT + " && r.sub.ownerRole == 'minister' && include(r.sub.content, 'party-political')"),
            new Line("dh.ministers.no-official-help-with-personal",
                    CIVIL_SERVANT + " && r.sub.ownerRole == 'minister' && include(r.sub.content, 'personal')"),
            new Line("dh.partisan.no-party-political-on-corporate-or-official",
                    "(r.sub.channelType == 'corporate' || r.sub.channelType == 'official') && include(r.sub.content, 'party-political')"
                            + " && " + IN_DEPARTMENT + NOT_REMOVING),
            new Line("dh.ministers.use-a-personal-channel",
                    "r.sub.channelType != 'personal' && r.sub.actorRole == 'minister' && " + SPEAKING));

    private static final List<Line> PERMITS = List.of(
            new Line("dh.channels.communications-runs-corporate-channel",
                    "r.sub.channelType == 'corporate' && r.sub.actorRole == 'communications-division' && " + SPEAKING),
            new Line("dh.channels.civil-servant-uses-own-official-channel",
                    "r.sub.channelType == 'official' && " + CIVIL_SERVANT + " && r.sub.own && " + SPEAKING),
            new Line("dh.channels.civil-servant-uses-own-personal-channel",
                    "r.sub.channelType == 'personal' && " + CIVIL_SERVANT + " && r.sub.own && " + SPEAKING),
            new Line("dh.ministers.minister-uses-own-personal-channel",
                    "r.sub.channelType == 'personal' && r.sub.actorRole == 'minister' && r.sub.own && " + SPEAKING),
            new Line("dh.ministers.digital-team-supports-non-party-political-use", "r.sub.channelType == 'personal'"
                    + " && r.sub.ownerRole == 'minister' && r.sub.actorRole == 'communications-division' && r.sub.action == 'support'"),
            new Line("dh.roles.communications-may-advise", "r.sub.actorRole == 'communications-division' && r.sub.action == 'advise'"),
            new Line("dh.roles.communications-may-analyse", "r.sub.actorRole == 'communications-division' && r.sub.action == 'analyse'"),
            new Line("dh.roles.communications-may-promote-via-departmental-channels",
                    "r.sub.channelType == 'corporate' && r.sub.actorRole == 'communications-division' && r.sub.action == 'promote'"),
            new Line("dh.roles.private-office-may-support-ministers", "r.sub.channelType == 'personal'"
                    + " && r.sub.ownerRole == 'minister' && r.sub.actorRole == 'private-office' && r.sub.action == 'support'"),
            new Line("dh.roles.digital-team-may-support-named-people", "(r.sub.channelType == 'official' || r.sub.channelType == 'personal')"
                    + " && r.sub.actorRole == 'communications-division' && r.sub.action == 'support' && " + OWNER_CIVIL_SERVANT));

    /** The answer: what was decided, and the type the channel was classified as. */
    record Answer(Outcome outcome, String channelType) {
    }

    private final SyncedEnforcer enforcer;

    JCasbinSubject() {
        String model = String.join("\n",
                "[request_definition]", "r = sub", "r2 = sub", "r3 = sub",
                "[policy_definition]", "p = id", "p2 = id", "p3 = id",
                "[policy_effect]", "e = some(where (p.eft == allow))", "e2 = some(where (p.eft == allow))",
                "e3 = some(where (p.eft == allow))",
                "[matchers]", "m = " + matcher(DENIES, "p", "r"), "m2 = " + matcher(CLASSIFICATION, "p2", "r2"),
                "m3 = " + matcher(PERMITS, "p3", "r3"));
        this.enforcer = new SyncedEnforcer(Model.newModelFromString(model));
        CLASSIFICATION.forEach(line -> enforcer.addNamedPolicy("p2", List.of(line.id())));
        DENIES.forEach(line -> enforcer.addNamedPolicy("p", List.of(line.id())));
        PERMITS.forEach(line -> enforcer.addNamedPolicy("p3", List.of(line.id())));
    }

    /** {@code (p.id == 'a' && (condition a)) || (p.id == 'b' && (condition b)) || ...}, for the given request and policy types. */
    private static String matcher(List<Line> lines, String policy, String request) {
        return lines.stream()
                .map(line -> "(" + policy + ".id == '" + line.id() + "' && (" + line.condition().replace("r.sub", request + ".sub") + "))")
                .collect(java.util.stream.Collectors.joining(" || "));
    }

    @Override
    public Answer decide(PolicyRequest request) {
        Attributes attributes = new Attributes(request);
        EnforceResult classified = enforcer.enforceEx(CLASSIFY, attributes);
        if (!classified.isAllow()) {
            throw new IllegalStateException("no policy line classified the channel of " + request);
        }
        attributes.channelType = classified.getExplain().get(0);
        Outcome outcome = enforcer.enforce(attributes) ? Outcome.DENY
                : enforcer.enforce(PERMIT, attributes) ? Outcome.PERMIT : Outcome.NOT_APPLICABLE;
        return new Answer(outcome, attributes.channelType);
    }

    @Override
    public Verdict verdict(Object answer) {
        Answer casbin = (Answer) answer;
        return new Verdict(casbin.outcome(), casbin.channelType(), null, null);
    }

    /** The request as casbin's matchers read it: bean properties ({@code r.sub.actorRole}). */
    public static final class Attributes {
        private final String actorRole;
        private final String action;
        private final String declaredType;
        private final boolean owned;
        private final String ownerRole;
        private final String ownerCapacity;
        private final boolean own;
        private final Set<String> content;
        private String channelType;

        Attributes(PolicyRequest request) {
            this.actorRole = request.actor().role();
            this.action = request.action();
            this.declaredType = request.channel().type();
            this.owned = request.channel().owner() != null;
            this.ownerRole = owned ? request.channel().owner().role() : null;
            this.ownerCapacity = owned ? request.channel().owner().capacity() : null;
            this.own = request.actsOnOwnChannel();
            this.content = Set.copyOf(request.content());
        }

        /** @return the actor's role */
        public String getActorRole() {
            return actorRole;
        }

        /** @return the action */
        public String getAction() {
            return action;
        }

        /** @return the stated channel type, or null */
        public String getDeclaredType() {
            return declaredType;
        }

        /** @return whether the channel is attributed to a named person */
        public boolean getOwned() {
            return owned;
        }

        /** @return the owner's role, or null */
        public String getOwnerRole() {
            return ownerRole;
        }

        /** @return the owner's capacity, or null */
        public String getOwnerCapacity() {
            return ownerCapacity;
        }

        /** @return whether the actor acts on their own channel */
        public boolean getOwn() {
            return own;
        }

        /** @return the content categories */
        public Set<String> getContent() {
            return content;
        }

        /** @return the channel type classified by the first enforcement */
        public String getChannelType() {
            return channelType;
        }

        @Override
        public String toString() {
            return "Attributes[" + actorRole + ", " + action + ", " + declaredType + ", " + ownerRole + ", " + channelType + "]";
        }
    }
}
