package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * Decides JSON Lines on every core, and writes the results in input order.
 *
 * <p>One thread reads lines into chunks, a pool (one thread a core) reads, decides and writes each chunk's
 * requests, and one thread writes the chunks' results in the order they were read. At most a few chunks
 * are in flight, so memory stays flat however long the input. A chunk is handed on early when no more
 * input is ready, so a program feeding requests one at a time still gets each answer at once.
 */
final class JsonLinesBatch {
    /** Lines per chunk when input is plentiful: large enough that handing chunks between threads costs little. */
    static final int CHUNK_LINES = 256;
    /** The results of one chunk as UTF-8 lines, with what the summary needs. */
    private record Chunk(java.io.ByteArrayOutputStream lines, int count, long invalid, long firstInvalid, long lastLine) {
    }

    /** The outcome of a run. */
    record Summary(long total, long invalid, long firstInvalid, boolean outputClosed, long lastWritten) {
    }

    private final ChannelPolicy policy;
    private final PolicyJson json;
    private final int threads;
    JsonLinesBatch(ChannelPolicy policy, int threads) {
        this.policy = policy;
        this.json = policy.json();
        this.threads = Math.max(1, threads);
    }

    /**
     * Decides every line and writes one result line per input line, in order.
     *
     * @param lines the input
     * @param sink where results go, as UTF-8; checked now and then, to stop when nobody reads them
     * @return what happened
     * @throws IOException if reading the input fails
     */
    Summary run(LineReader lines, PrintStream sink) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "channel-policy-jsonl");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<CompletableFuture<Chunk>> inOrder = new ArrayBlockingQueue<>(threads * 4);
        AtomicBoolean stop = new AtomicBoolean();
        Writing writing = new Writing(inOrder, sink, stop);
        Thread writer = new Thread(writing, "channel-policy-jsonl-writer");
        writer.setDaemon(true);
        writer.start();
        long total = 0;
        try {
            List<LineReader.Line> chunk = new ArrayList<>(CHUNK_LINES);
            for (LineReader.Line line = lines.next(); line != null && !stop.get(); line = lines.next()) {
                total++;
                chunk.add(line);
                if (chunk.size() == CHUNK_LINES || !lines.ready()) {
                    List<LineReader.Line> full = chunk;
                    inOrder.put(CompletableFuture.supplyAsync(() -> decide(full), pool));
                    chunk = new ArrayList<>(CHUNK_LINES);
                }
            }
            if (!chunk.isEmpty() && !stop.get()) {
                List<LineReader.Line> last = chunk;
                inOrder.put(CompletableFuture.supplyAsync(() -> decide(last), pool));
            }
            inOrder.put(Writing.END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deciding JSON Lines", e);
        } finally {
            pool.shutdownNow();
        }
        if (writing.failure != null) {
            throw writing.failure;
        }
        return new Summary(total, writing.invalid, writing.firstInvalid, writing.outputClosed, writing.lastWritten);
    }

    private Chunk decide(List<LineReader.Line> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(lines.size() * 2048);
        long invalid = 0;
        long firstInvalid = 0;
        for (LineReader.Line line : lines) {
            byte[] result;
            try {
                if (line.problem() != null) {
                    throw new InvalidRequestException(List.of(Problem.at("$", line.problem())));
                }
                String text = line.number() == 1 ? Input.withoutByteOrderMark(line.text()) : line.text();
                Decision decision = policy.evaluate(json.readRequest(text));
                json.write(decision, out); // straight to UTF-8: a decision's parts are encoded once, then copied
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("writing to memory failed", e); // a ByteArrayOutputStream does not
            } catch (InvalidRequestException e) {
                invalid++;
                firstInvalid = firstInvalid == 0 ? line.number() : firstInvalid;
                result = json.writeError(e.problems()).getBytes(StandardCharsets.UTF_8);
                out.write(result, 0, result.length);
            }
            out.write('\n'); // JSON Lines: \n on every platform
        }
        return new Chunk(out, lines.size(), invalid, firstInvalid, lines.get(lines.size() - 1).number());
    }

    /** Writes chunks' results as they complete, in the order they were read. */
    private static final class Writing implements Runnable {
        static final CompletableFuture<Chunk> END = CompletableFuture.completedFuture(null);

        private final BlockingQueue<CompletableFuture<Chunk>> inOrder;
        private final PrintStream sink;
        private final AtomicBoolean stop;
        long invalid;
        long firstInvalid;
        long lastWritten;
        boolean outputClosed;
        RuntimeException failure;
        private long chunks;

        Writing(BlockingQueue<CompletableFuture<Chunk>> inOrder, PrintStream sink, AtomicBoolean stop) {
            this.inOrder = inOrder;
            this.sink = sink;
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    CompletableFuture<Chunk> next = inOrder.take();
                    if (next == END) {
                        sink.flush();
                        return;
                    }
                    Chunk chunk = next.join();
                    if (outputClosed) {
                        continue; // drain, so the reader is never blocked on a full queue
                    }
                    chunk.lines().writeTo(sink); // whole lines: a chunk is never split
                    invalid += chunk.invalid();
                    if (firstInvalid == 0) {
                        firstInvalid = chunk.firstInvalid();
                    }
                    lastWritten = chunk.lastLine();
                    // Flush when nothing else is waiting to be written, so each answer reaches an interactive
                    // caller, and notice a reader that has gone away (e.g. "| head") to stop.
                    if (inOrder.isEmpty() || chunk.count() < CHUNK_LINES || ++chunks % 4 == 0) {
                        sink.flush();
                        if (sink.checkError()) {
                            outputClosed = true;
                            stop.set(true);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while writing results", e);
            } catch (IOException e) {
                // The sink is a PrintStream, which reports errors through checkError() and never throws; kept for the compiler.
                failure = new java.io.UncheckedIOException(e);
                stop.set(true);
                drain();
            } catch (RuntimeException e) {
                failure = e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
                stop.set(true);
                drain();
            }
        }

        private void drain() {
            CompletableFuture<Chunk> next;
            do {
                try {
                    next = inOrder.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } while (next != END);
        }
    }
}
