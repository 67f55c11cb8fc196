package uk.gov.channelpolicy.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The CPU time a stage's tasks spent, as Spark's task metrics report it (each task's executor CPU time,
 * deserialising included): what a stage costs whatever else the machine is doing, where its wall-clock
 * time on a shared machine says as much about the neighbours. Registered on a session for one stage and
 * removed after.
 */
final class StageCpu extends SparkListener implements AutoCloseable {
    private final SparkSession spark;
    private final Map<Integer, AtomicLong> nanos = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> tasks = new ConcurrentHashMap<>();

    private StageCpu(SparkSession spark) {
        this.spark = spark;
    }

    static StageCpu listen(SparkSession spark) {
        StageCpu listener = new StageCpu(spark);
        spark.sparkContext().addSparkListener(listener);
        return listener;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null || !"Success".equals(String.valueOf(end.reason()))) {
            return;
        }
        long cpu = end.taskMetrics().executorCpuTime() + end.taskMetrics().executorDeserializeCpuTime();
        nanos.computeIfAbsent(end.stageId(), id -> new AtomicLong()).addAndGet(cpu);
        tasks.computeIfAbsent(end.stageId(), id -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The CPU seconds of the stage that ran this many tasks, once Spark's listener bus has delivered them.
     *
     * @param taskCount how many tasks the stage had: its partitions
     * @return the seconds, or -1 when the events did not arrive within a few seconds
     */
    double seconds(int taskCount) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Integer, AtomicLong> stage : tasks.entrySet()) {
                if (stage.getValue().get() == taskCount) {
                    return nanos.get(stage.getKey()).get() / 1e9;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
    }
}
