package uk.gov.channelpolicy.examples.embedding;

import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;

/** The README's embedding example: build once, evaluate many times, act only on PERMIT. */
public final class Embedding {
    private Embedding() {
    }

    /**
     * May the Communications Division draft a party-political tweet for a minister? Prints why not.
     *
     * @param args none
     */
    public static void main(String[] args) {
        // README:begin
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build(); // once, then share it

        PolicyRequest request = PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "draft")
                .channel(Channel.ownedBy(Owner.of("minister", "jane")).withType("personal"))
                .content("party-political")
                .build();

        Decision decision = policy.evaluate(request);
        if (!decision.isPermitted()) { // anything but PERMIT means no
            decision.reasons().forEach(r -> System.out.println(r.rule() + ": " + r.citation().quote()));
        }
        // README:end
    }
}
