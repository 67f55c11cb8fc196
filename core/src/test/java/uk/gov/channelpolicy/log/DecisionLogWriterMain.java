package uk.gov.channelpolicy.log;

import java.nio.file.Path;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;

/** Writes decision records as fast as it can until killed: the subject of the SIGKILL test. */
public final class DecisionLogWriterMain {
    private DecisionLogWriterMain() {
    }

    public static void main(String[] args) {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Path.of(args[1])).build();
        PolicyRequest request = PolicyRequest.builder(new Actor("editor", "ed-1", "Ed Itor"), "post")
                .channel(new Channel(null, "@paper", null)).content("news", "opinion").build();
        Decision decision = policy.evaluate(request);
        DecisionLog log = DecisionLog.builder(Path.of(args[0])).maxFileBytes(1L << 30).build();
        while (true) {
            log.record(request, decision);
        }
    }
}
