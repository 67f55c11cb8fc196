package uk.gov.channelpolicy.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of one kind of call goes, from a JFR recording's execution samples: of the samples whose stack
 * holds the root method, the share in which each method is on the stack (inclusive) and on top (self).
 *
 * Record with {@code -XX:FlightRecorderOptions:stackdepth=512}: Drools' stacks are deeper than JFR's default 64 frames,
 * and a sample cut short loses the root method, so it is not counted.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.JfrBreakdown recording.jfr \
 *     uk.gov.channelpolicy.ChannelPolicy.evaluate 40
 * </pre>
 */
public final class JfrBreakdown {
    private JfrBreakdown() {
    }

    /**
     * Prints the shares.
     *
     * @param args {@code RECORDING.jfr [ROOT-METHOD] [HOW-MANY]}; the root defaults to {@code ChannelPolicy.evaluate}
     * @throws IOException if the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        String root = args.length > 1 ? args[1] : "uk.gov.channelpolicy.ChannelPolicy.evaluate";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            int rootAt = -1;
            for (int i = 0; i < frames.size(); i++) {
                if (name(frames.get(i)).equals(root)) {
                    rootAt = i;
                }
            }
            if (rootAt < 0) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i <= rootAt; i++) {
                String method = name(frames.get(i));
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d samples under %s%n%ninclusive (on the stack)%n", samples, root);
        print(inclusive, samples, top);
        System.out.printf(Locale.ROOT, "%nself (on top)%n");
        print(self, samples, top);
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
