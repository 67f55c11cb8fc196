package uk.gov.channelpolicy.benchmarks;

import java.util.Arrays;
import java.util.function.Function;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.load.Vocabulary;

/** The subjects a run measures, by the name JMH's {@code subject} parameter and the report use. */
public enum SubjectId {
    /** The library: {@code ChannelPolicy.evaluate} on the precompiled {@code dh} rule set, full decisions. */
    CHANNEL_POLICY("channel-policy", vocabulary -> new ChannelPolicySubject(ChannelPolicy.DEFAULT_DECISION_CACHE_SIZE)),
    /** The library evaluating every call through Drools: {@code decisionCache(0)}. */
    CHANNEL_POLICY_UNCACHED("channel-policy-uncached", vocabulary -> new ChannelPolicySubject(0)),
    /** The floor: the hand-coded plain-Java reference model. */
    REFERENCE_MODEL("reference-model", vocabulary -> new ReferenceModelSubject()),
    /** Naive Drools: a stateful session per decision on the same kbase. */
    NAIVE_DROOLS("naive-drools", NaiveDroolsSubject::new),
    /** Peer: Easy Rules, rule for rule. */
    EASY_RULES("easy-rules", EasyRulesSubject::new),
    /** Peer: jCasbin, an ABAC model. */
    JCASBIN("jcasbin", vocabulary -> new JCasbinSubject()),
    /** What-if: the library's stateless call with pooled sessions (a proposed change to core). */
    POOLED_DROOLS("pooled-drools", PooledDroolsSubject::new),
    /** What-if: Drools alone as the engine path drives it, a session kept per thread and emptied after each decision. */
    KEPT_DROOLS("kept-drools", vocabulary -> new KeptDroolsSubject(vocabulary, false)),
    /** What-if: the same with Drools' alpha network compiler, which the library's runtime cannot carry. */
    KEPT_DROOLS_COMPILED_ALPHA("kept-drools-compiled-alpha", vocabulary -> new KeptDroolsSubject(vocabulary, true));

    private final String id;
    private final Function<Vocabulary, Subject> factory;

    SubjectId(String id, Function<Vocabulary, Subject> factory) {
        this.id = id;
        this.factory = factory;
    }

    /**
     * The name used on the command line and in reports.
     *
     * @return e.g. {@code channel-policy}
     */
    public String id() {
        return id;
    }

    /**
     * Builds the subject, ready to decide.
     *
     * @param vocabulary the DH vocabulary, for ordering what the subject reports
     * @return the subject
     */
    public Subject open(Vocabulary vocabulary) {
        return factory.apply(vocabulary);
    }

    /**
     * The subject with this name.
     *
     * @param id a name such as {@code naive-drools}
     * @return the subject id
     * @throws IllegalArgumentException if no subject has the name
     */
    public static SubjectId of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subject " + id + "; one of "
                        + Arrays.stream(values()).map(SubjectId::id).toList()));
    }
}
