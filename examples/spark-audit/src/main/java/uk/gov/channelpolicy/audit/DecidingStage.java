package uk.gov.channelpolicy.audit;

/**
 * What the deciding stage of a run cost: the Spark stage that reads the input, decides every decidable
 * record and writes a row for each. The rest of a run (duplicates, totals, the report) reads back what
 * this stage wrote.
 *
 * @param records how many records the stage read
 * @param decided how many it decided
 * @param seconds the stage's wall-clock time
 * @param cores the cores the session had ({@code defaultParallelism})
 * @param cpuSeconds the CPU time of the stage's tasks, from Spark's task metrics; -1 when Spark did not report it
 * @param evaluateSeconds the CPU time the tasks' threads spent in {@code ChannelPolicy.evaluate}, summed over every task
 */
public record DecidingStage(long records, long decided, double seconds, int cores, double cpuSeconds, double evaluateSeconds) {

    /**
     * Records through the stage per second of CPU: what one core does when it has the core to itself.
     * On a shared machine this is the figure to read; wall-clock time there measures the neighbours too.
     *
     * @return records per CPU second, 0 when not reported
     */
    public double recordsPerCpuSecond() {
        return cpuSeconds > 0 ? records / cpuSeconds : 0;
    }

    /**
     * Records through the stage per second of wall-clock time, per core: reading, deciding and writing.
     *
     * @return records/s per core, 0 when the stage took no measurable time
     */
    public double recordsPerSecondPerCore() {
        return seconds > 0 && cores > 0 ? records / seconds / cores : 0;
    }

    /**
     * Decisions per CPU second spent in {@code evaluate} alone: what one core decides when it does nothing else.
     *
     * @return decisions/s, 0 when none
     */
    public double decisionsPerEvaluateSecond() {
        return evaluateSeconds > 0 ? decided / evaluateSeconds : 0;
    }
}
