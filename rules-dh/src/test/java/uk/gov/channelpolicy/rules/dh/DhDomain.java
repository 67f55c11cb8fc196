package uk.gov.channelpolicy.rules.dh;

import uk.gov.channelpolicy.ChannelPolicy;

/**
 * The one DH policy the whole-domain sweeps of this module share in a test JVM. It remembers a quarter of a million
 * decisions, four times the serving default: the domain is 871,038 requests since sources, and a NOT_APPLICABLE
 * decision (two thirds of them) asks about some 35 neighbours for its explanation, most of them within that many
 * requests of it in domain order, so the rules decide each request far fewer times than with the default, and a sweep
 * that follows another reads the decisions the last one left. Remembering the whole domain would be faster still, but a
 * remembered decision with its explanation takes some kilobytes: a cache of 2,000,000 grew past 6 GB and the machine's
 * OOM killer ended the test JVM. A decision depends only on what the rules see, which the cache keys on, so sharing
 * changes no answer.
 */
final class DhDomain {
    /** Decisions remembered: about 1.5 GB of heap at most. */
    static final int CACHE_SIZE = 250_000;

    static final ChannelPolicy POLICY = ChannelPolicy.builder().ruleSet("dh").decisionCache(CACHE_SIZE).build();

    private DhDomain() {
    }
}
