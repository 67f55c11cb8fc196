package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Gives {@code evaluate --jsonl} a bounded heap however the jar is started. A batch streams: what it keeps is the rule set
 * and the decisions it remembers, well under {@link #HEAP}. But with the JVM's default heap (a quarter of the machine's
 * memory) a batch's garbage lets the collector grow the heap, and so the process, to a gigabyte or more although nothing
 * is kept. A jar cannot name JVM options in its manifest, so {@code java -jar channel-policy.jar evaluate --jsonl ...},
 * started without any heap option, starts the same command again in a JVM with {@link #HEAP}, which inherits its standard
 * input, output and error, and exits with its status. The launcher script sets the heap itself, so it never gets here;
 * nor does a JVM given any heap option, which is taken as the caller's choice.
 */
final class BoundedHeap {
    /** The batch's heap: its live data plus room for a young generation that need not collect too often. */
    static final String HEAP = "-Xmx128m";

    /** Options that size the heap: any of them means the caller chose, and the JVM is left as it is. */
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM", "-XX:MaxRAMPercentage",
            "-XX:MaxRAMFraction");

    private BoundedHeap() {
    }

    /**
     * Whether to start the command again with a bounded heap.
     *
     * @param args the command's arguments
     * @param jvmOptions the options this JVM was started with
     * @return true for {@code --jsonl} in a JVM given no heap option
     */
    static boolean needed(String[] args, List<String> jvmOptions) {
        return Arrays.asList(args).contains("--jsonl")
                && jvmOptions.stream().noneMatch(option -> HEAP_OPTIONS.stream().anyMatch(option::startsWith));
    }

    /**
     * Runs the command in a JVM with a bounded heap, when it is needed.
     *
     * @param args the command's arguments
     * @return the command's exit status, or empty when it was not needed (or this JVM cannot start another: then the
     *     command runs here as it always did)
     */
    static Optional<Integer> run(String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<String> java = ProcessHandle.current().info().command();
        if (!needed(args, jvmOptions) || java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(jvmOptions);
        command.add(HEAP);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        try {
            Process batch = new ProcessBuilder(command).inheritIO().start();
            while (true) {
                try {
                    return Optional.of(batch.waitFor());
                } catch (InterruptedException e) {
                    batch.destroy(); // the batch is this command: ending one ends the other
                    Thread.currentThread().interrupt();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
