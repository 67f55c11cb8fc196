package uk.gov.channelpolicy.benchmarks;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * A peer: the DH rule set written again for Easy Rules, rule for rule, each named by its DRL rule's id. As in the
 * DRL, classification comes first (priority 1: channel type, civil-service resource, minister's channel), then the
 * rules that decide (priority 2). One fact per decision, a {@link DhCase}, so a condition looks up one fact.
 * It answers a {@link PeerDecision}: outcome, channel type, codes, and the ids of the deciding, obligation, advice
 * and responsibility rules.
 */
final class EasyRulesSubject implements Subject {
    private static final String CASE = "case";
    private static final int CLASSIFY = 1;
    private static final int DECIDE = 2;

    private final Rules rules;
    private final RulesEngine engine = new DefaultRulesEngine();
    private final List<String> codeOrder;
    private final List<String> roleOrder;

    EasyRulesSubject(Vocabulary vocabulary) {
        this.rules = dhRules();
        this.codeOrder = vocabulary.ids(Kind.CODES);
        this.roleOrder = vocabulary.ids(Kind.ROLES);
    }

    @Override
    public PeerDecision decide(PolicyRequest request) {
        DhCase c = new DhCase(request);
        Facts facts = new Facts();
        facts.put(CASE, c);
        engine.fire(rules, facts);
        return c.decision(codeOrder, roleOrder);
    }

    @Override
    public Verdict verdict(Object answer) {
        PeerDecision decision = (PeerDecision) answer;
        return new Verdict(decision.outcome(), decision.channelType(), decision.codes(), decision.reasons());
    }

    private static Rule rule(String id, int priority, Predicate<DhCase> when, Consumer<DhCase> then) {
        return new RuleBuilder().name(id).priority(priority)
                .when(facts -> when.test(facts.get(CASE)))
                .then(facts -> then.accept(facts.get(CASE)))
                .build();
    }

    private static Rule deny(String id, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.deny(id));
    }

    private static Rule permit(String id, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.permit(id));
    }

    private static Rule code(String id, String code, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.code(code));
    }

    private static Rule obligation(String id, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.obligation(id));
    }

    private static final java.util.Set<Outcome> ON_PERMIT = java.util.Set.of(Outcome.PERMIT);
    private static final java.util.Set<Outcome> ON_REFUSAL = java.util.Set.of(Outcome.DENY, Outcome.NOT_APPLICABLE);
    private static final java.util.Set<Outcome> ON_NOT_APPLICABLE = java.util.Set.of(Outcome.NOT_APPLICABLE);

    private static Rule advice(String id, java.util.Set<Outcome> outcomes, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.advice(id, outcomes));
    }

    private static Rule responsibility(String id, String role, Predicate<DhCase> when) {
        return rule(id, DECIDE, when, c -> c.responsibility(role == null ? c.ownerRole : role, id));
    }

    /** The 48 rules of rulesets/dh (its DRL files and responsibilities.drl.csv), in the order of its files. */
    private static Rules dhRules() {
        Rules rules = new Rules();
        // channel-types.drl
        rules.register(rule("dh.channels.declared-type", CLASSIFY, c -> c.declaredType != null, c -> c.channelType = c.declaredType));
        rules.register(rule("dh.channels.unattributed-is-corporate", CLASSIFY, c -> c.declaredType == null && !c.owned,
                c -> c.channelType = "corporate"));
        rules.register(rule("dh.channels.official-capacity-is-official", CLASSIFY,
                c -> c.declaredType == null && c.owned && "official".equals(c.ownerCapacity) && c.ownerInDepartment(),
                c -> c.channelType = "official"));
        rules.register(rule("dh.channels.other-named-channel-is-personal", CLASSIFY,
                c -> c.declaredType == null && c.owned && (!"official".equals(c.ownerCapacity) || !c.ownerInDepartment()),
                c -> c.channelType = "personal"));
        // Deleting (the removing group) takes content off a channel: the limits on what a channel carries leave it out.
        rules.register(deny("dh.channels.corporate-carries-no-personal-content", c -> c.typeIs("corporate") && c.content.contains("personal")
                && c.inDepartment() && !c.removing()));
        rules.register(deny("dh.channels.official-carries-no-personal-content", c -> c.typeIs("official") && c.content.contains("personal")
                && c.inDepartment() && !c.removing()));
        rules.register(permit("dh.channels.communications-runs-corporate-channel",
                c -> c.typeIs("corporate") && c.actorRole.equals("communications-division") && c.speaking()));
        rules.register(permit("dh.channels.civil-servant-uses-own-official-channel",
                c -> c.typeIs("official") && c.civilServant && c.own && c.speaking()));
        rules.register(permit("dh.channels.civil-servant-uses-own-personal-channel",
                c -> c.typeIs("personal") && c.civilServant && c.own && c.speaking()));
        // codes.drl
        rules.register(code("dh.codes.official-attributed-content-policy", "official-attributed-content-policy",
                c -> c.typeIs("corporate") || c.typeIs("official")));
        rules.register(code("dh.codes.civil-service-code", "civil-service-code",
                c -> c.typeIs("personal") && (c.ownerCivilServant() || c.civilServant)));
        rules.register(code("dh.codes.ministerial-code", "ministerial-code",
                c -> c.actorRole.equals("minister") || "minister".equals(c.ownerRole)));
        // partisan-limits.drl
        rules.register(rule("dh.partisan.civil-servants", CLASSIFY,
                c -> c.actorRole.equals("official") || c.actorRole.equals("communications-division") || c.actorRole.equals("private-office"),
                c -> c.civilServant = true));
        rules.register(rule("dh.ministers.minister-channel", CLASSIFY, c -> "minister".equals(c.ownerRole), c -> c.ministerChannel = true));
        rules.register(deny("dh.partisan.no-civil-service-resources-for-party-politics",
                c -> c.civilServant && !c.own && c.content.contains("party-political") && !c.removing()));
        rules.register(deny("dh.partisan.civil-servant-personal-channel-is-impartial",
                c -> c.typeIs("personal") && c.civilServant && c.own && c.content.contains("party-political") && !c.removing()));
        rules.register(deny("dh.partisan.no-departmental-channel-for-a-ministers-party-politics",
                c -> (c.typeIs("corporate") || c.typeIs("official")) && c.actorRole.equals("minister") && c.content.contains("party-political")
                        && (!c.owned || c.ownerCivilServant()) && !c.removing()));
        rules.register(deny("dh.ministers.no-official-help-with-party-political",
                c -> c.civilServant && c.ministerChannel && c.content.contains("party-political")));
        rules.register(deny("dh.ministers.no-official-help-with-personal",
                c -> c.civilServant && c.ministerChannel && c.content.contains("personal")));
        rules.register(deny("dh.partisan.no-party-political-on-corporate-or-official",
                c -> (c.typeIs("corporate") || c.typeIs("official")) && c.content.contains("party-political") && c.inDepartment()
                        && !c.removing()));
        rules.register(deny("dh.ministers.use-a-personal-channel",
                c -> !c.typeIs("personal") && c.actorRole.equals("minister") && c.speaking()));
        rules.register(permit("dh.ministers.minister-uses-own-personal-channel",
                c -> c.typeIs("personal") && c.actorRole.equals("minister") && c.own && c.speaking()));
        rules.register(permit("dh.ministers.digital-team-supports-non-party-political-use",
                c -> c.typeIs("personal") && c.ministerChannel && c.actorRole.equals("communications-division") && c.action.equals("support")));
        rules.register(obligation("dh.ministers.treat-as-live-public-media", c -> c.actorRole.equals("minister") && c.writing()));
        rules.register(obligation("dh.ministers.no-civil-service-support-for-partisan-content",
                c -> c.actorRole.equals("minister") && c.content.contains("party-political")));
        // responsibilities.drl and responsibilities.drl.csv
        rules.register(responsibility("dh.roles.minister-drafts-posts-and-converses", "minister", c -> c.ministerChannel && c.writing()));
        rules.register(responsibility("dh.roles.communications-advises-and-coaches", "communications-division", c -> c.action.equals("advise")));
        rules.register(responsibility("dh.roles.communications-analyses-reach-and-impact", "communications-division",
                c -> c.action.equals("analyse")));
        rules.register(responsibility("dh.roles.communications-promotes-via-digital-channels", "communications-division",
                c -> c.action.equals("promote")));
        rules.register(responsibility("dh.roles.private-office-supports-ministers", "private-office",
                c -> c.ministerChannel && c.action.equals("support")));
        rules.register(responsibility("dh.roles.digital-team-supports-ministers", "communications-division",
                c -> c.ministerChannel && c.action.equals("support")));
        rules.register(responsibility("dh.roles.communications-runs-corporate-channel", "communications-division",
                c -> c.typeIs("corporate") && c.speaking()));
        rules.register(responsibility("dh.roles.named-person-runs-own-channel", null,
                c -> (c.typeIs("official") || c.typeIs("personal")) && c.owned
                        && (java.util.Set.of("manage", "follow", "list", "share", "like", "delete").contains(c.action)
                                || (c.writing() && !"minister".equals(c.ownerRole)))));
        rules.register(permit("dh.roles.communications-may-advise", c -> c.actorRole.equals("communications-division") && c.action.equals("advise")));
        rules.register(permit("dh.roles.communications-may-analyse",
                c -> c.actorRole.equals("communications-division") && c.action.equals("analyse")));
        rules.register(permit("dh.roles.communications-may-promote-via-departmental-channels",
                c -> c.typeIs("corporate") && c.actorRole.equals("communications-division") && c.action.equals("promote")));
        rules.register(permit("dh.roles.private-office-may-support-ministers",
                c -> c.typeIs("personal") && c.ministerChannel && c.actorRole.equals("private-office") && c.action.equals("support")));
        rules.register(permit("dh.roles.digital-team-may-support-named-people", c -> (c.typeIs("official") || c.typeIs("personal"))
                && c.actorRole.equals("communications-division") && c.action.equals("support") && c.ownerCivilServant()));
        // principles.drl
        rules.register(advice("dh.principles.be-personal", ON_REFUSAL, c -> c.owned && !c.own && c.speaking()
                && (c.typeIs("personal") && "minister".equals(c.ownerRole)
                        || c.typeIs("personal") && c.ownerCivilServant() && (!c.content.contains("party-political") || c.removing())
                        || c.typeIs("official") && c.ownerCivilServant()
                                && (!c.content.contains("party-political") && !c.content.contains("personal") || c.removing()))));
        rules.register(advice("dh.principles.be-conversational", ON_PERMIT, c -> c.action.equals("reply") || c.action.equals("like")));
        rules.register(advice("dh.principles.build-networks", ON_PERMIT, c -> c.action.equals("manage") || c.action.equals("promote")
                || c.action.equals("follow")));
        rules.register(advice("dh.principles.use-established-conventions", ON_PERMIT, c -> c.action.equals("manage") || c.action.equals("list")));
        rules.register(advice("dh.principles.be-responsible", ON_PERMIT, c -> c.writing() || c.action.equals("delete")));
        rules.register(advice("dh.principles.be-expert", ON_PERMIT, c -> c.writing() && c.content.contains("departmental")));
        rules.register(advice("dh.principles.digital-team-can-help", ON_REFUSAL, c -> (c.typeIs("personal") || c.typeIs("official")
                && !c.content.contains("personal")) && c.civilServant && !c.actorRole.equals("communications-division")
                && c.ownerCivilServant() && !c.content.contains("party-political")));
        rules.register(advice("dh.advice.digital-team-can-support-political-use", ON_PERMIT, c -> c.typeIs("personal") && c.actorRole.equals("minister")
                && c.own && c.writing() && c.content.contains("political") && !c.content.contains("party-political")
                && !c.content.contains("personal")));
        rules.register(advice("dh.advice.clinical-trial-ethics", ON_PERMIT, c -> c.content.contains("clinical-trial-recruitment")));
        rules.register(advice("dh.advice.outside-dh-follow-your-own-guidance", ON_NOT_APPLICABLE, c -> !c.inDepartment()));
        return rules;
    }
}
