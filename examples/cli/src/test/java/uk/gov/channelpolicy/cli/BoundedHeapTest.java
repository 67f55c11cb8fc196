package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a batch is started again with a bounded heap: only --jsonl, and only when the caller chose no heap. */
class BoundedHeapTest {
    private static final String[] BATCH = {"evaluate", "--jsonl", "requests.jsonl"};

    @Test
    void aBatchInAJvmWithTheDefaultHeap_isStartedAgain() {
        assertThat(BoundedHeap.needed(BATCH, List.of())).isTrue();
        assertThat(BoundedHeap.needed(BATCH, List.of("-Xshare:auto", "-Dfile.encoding=UTF-8"))).isTrue();
    }

    @Test
    void aHeapTheCallerChose_isLeftAlone() {
        for (String option : List.of("-Xmx2g", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=10", "-XX:MaxRAM=4g")) {
            assertThat(BoundedHeap.needed(BATCH, List.of(option))).as(option).isFalse();
        }
    }

    @Test
    void aCommandThatIsNotABatch_isLeftAlone() {
        assertThat(BoundedHeap.needed(new String[] {"evaluate", "request.json"}, List.of())).isFalse();
        assertThat(BoundedHeap.needed(new String[] {"diff", "a", "b"}, List.of())).isFalse();
    }
}
