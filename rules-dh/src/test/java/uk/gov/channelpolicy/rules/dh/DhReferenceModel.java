package uk.gov.channelpolicy.rules.dh;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * The DH policy written again, by hand, in plain Java, without Drools and without looking at how
 * the rules are split: a differential oracle. It answers the same three questions (channel type,
 * codes, outcome) from the guidance's own structure: what each channel type is for, who is a
 * civil-service resource, and what each role's work is.
 */
public final class DhReferenceModel {

    /** The reference answer. */
    public record Answer(Outcome outcome, String channelType, List<String> codes) {
    }

    private static final Set<String> SPEAKING = Set.of("draft", "post", "reply", "manage", "follow", "list", "share", "like", "delete");
    /** The people the guidance speaks to. */
    private static final Set<String> DEPARTMENT = Set.of("minister", "official", "communications-division", "private-office");
    private static final Set<String> CIVIL_SERVICE = Set.of("official", "communications-division", "private-office");

    private DhReferenceModel() {
    }

    /**
     * Decides a request the way the guidance reads, without Drools.
     *
     * @param request a request in the DH vocabulary
     * @return the outcome, channel type and codes
     */
    public static Answer decide(PolicyRequest request) {
        String role = request.actor().role();
        String action = request.action();
        Owner owner = request.channel().owner();
        String declared = request.channel().type();
        Set<String> content = Set.copyOf(request.content());

        String type;
        if (declared != null) {
            type = declared;
        } else if (owner == null) {
            type = "corporate";
        } else {
            // An official channel is a named person's in the Department; anyone else's channel is personal engagement.
            type = "official".equals(owner.capacity()) && DEPARTMENT.contains(owner.role()) ? "official" : "personal";
        }

        List<String> codes = new ArrayList<>();
        if (type.equals("corporate") || type.equals("official")) {
            codes.add("official-attributed-content-policy");
        } else if (CIVIL_SERVICE.contains(role) || owner != null && CIVIL_SERVICE.contains(owner.role())) {
            // The Civil Service Code binds civil servants: a minister on a minister's personal channel is not under it.
            codes.add("civil-service-code");
        }
        boolean ministerOwned = owner != null && owner.role().equals("minister");
        // A promoted or shared minister's tweet is still the minister's use of Twitter.
        boolean ministersTweet = request.source() != null && request.source().owner() != null
                && request.source().owner().role().equals("minister");
        if (role.equals("minister") || ministerOwned || ministersTweet) {
            codes.add("ministerial-code");
        }

        boolean minister = role.equals("minister");
        boolean civilServant = CIVIL_SERVICE.contains(role);
        boolean inDepartment = DEPARTMENT.contains(role);
        boolean ownerCivilServant = owner != null && CIVIL_SERVICE.contains(owner.role());
        boolean partyPolitical = content.contains("party-political");
        boolean personalContent = content.contains("personal");
        boolean own = request.actsOnOwnChannel();
        boolean departmentalChannel = type.equals("corporate") || type.equals("official");

        // Deleting takes content off a channel: the limits on what a channel carries do not forbid it. Officials still keep
        // out of a minister's party-political and personal content altogether.
        boolean removing = action.equals("delete");
        boolean denied =
                (civilServant && partyPolitical && (!removing || ministerOwned))
                || (civilServant && ministerOwned && personalContent)
                || (inDepartment && departmentalChannel && (partyPolitical || personalContent) && !removing)
                // Civil servants do not amplify a minister's partisan or personal tweet on a departmental channel (the
                // line above already denies it: any party-political or personal content there is).
                || (civilServant && ministersTweet && departmentalChannel && (partyPolitical || personalContent))
                || (minister && !type.equals("personal") && SPEAKING.contains(action));

        boolean permitted = switch (role) {
            case "minister" -> own && type.equals("personal") && SPEAKING.contains(action);
            case "communications-division" -> action.equals("advise") || action.equals("analyse")
                    || (type.equals("corporate") && (action.equals("promote") || SPEAKING.contains(action)))
                    || (action.equals("support") && ministerOwned && type.equals("personal"))
                    // The DH Digital team helps officials as well as ministers follow the principles.
                    || (action.equals("support") && ownerCivilServant && !type.equals("corporate"))
                    || ownChannelUse(own, type, action);
            case "private-office" -> (action.equals("support") && ministerOwned && type.equals("personal"))
                    || ownChannelUse(own, type, action);
            case "official" -> ownChannelUse(own, type, action);
            // The guidance speaks to DH's people only: nothing it says permits anyone else.
            default -> false;
        };

        Outcome outcome = denied ? Outcome.DENY : permitted ? Outcome.PERMIT : Outcome.NOT_APPLICABLE;
        return new Answer(outcome, type, codes);
    }

    /** A named person in the Department using their own official or personal channel. */
    private static boolean ownChannelUse(boolean own, String type, String action) {
        return own && !type.equals("corporate") && SPEAKING.contains(action);
    }
}
