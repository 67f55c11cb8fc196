package uk.gov.channelpolicy.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.gov.channelpolicy.ChannelPolicy;

/**
 * Heap retained per loaded rule set: builds several policies, keeps them, and reads the heap in use after full
 * collections. The first policy also pays for what every policy shares (Drools' and the library's static state),
 * so both the first and the cost of each further one are printed.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.RetainedHeap jar 5
 * </pre>
 */
public final class RetainedHeap {
    private RetainedHeap() {
    }

    /**
     * Prints {@code first_mb} and {@code each_further_mb}.
     *
     * @param args {@code jar COUNT}, or {@code directory PATH COUNT}
     * @throws InterruptedException if interrupted while letting the collector settle
     */
    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        Path directory = mode.equals("directory") ? Path.of(args[1]) : null;
        int count = Integer.parseInt(args[mode.equals("directory") ? 2 : 1]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        List<ChannelPolicy> kept = new ArrayList<>();
        long afterFirst = 0;
        for (int i = 0; i < count; i++) {
            ChannelPolicy policy = directory == null ? ChannelPolicy.builder().ruleSet("dh").build()
                    : ChannelPolicy.builder().ruleSetDirectory(directory).build();
            policy.evaluate(new RequestMix(policy.vocabulary(), RequestMix.DEFAULT_SEED).next());
            kept.add(policy);
            if (i == 0) {
                afterFirst = settledHeap(memory);
            }
        }
        long afterAll = settledHeap(memory);
        System.out.printf("mode=%s policies=%d first_mb=%.2f each_further_mb=%.2f%n", mode, kept.size(),
                (afterFirst - before) / 1048576.0, count > 1 ? (afterAll - afterFirst) / 1048576.0 / (count - 1) : Double.NaN);
        kept.forEach(ChannelPolicy::close);
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
