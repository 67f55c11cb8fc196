package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * The header deadline's judgement of one connection's parser, which it reads from another thread while the connection's
 * own thread may finish a request and reset the parser between any two reads. A {@link ScriptedParser} plays that
 * reset after a chosen number of reads, for every number, so that whatever order the deadline reads in, a reset in
 * the middle must never look like an overdue head. (Before this was fixed, a reset between its reads closed a healthy
 * keep-alive connection, and the next request on it failed: the load test's smoke test saw one such error in CI.)
 */
class HeaderDeadlineTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    /** A sweep's clock, far enough from 0 that a begin time of 0 would look long overdue. */
    private static final long NOW = TimeUnit.SECONDS.toNanos(3_600);

    @Test
    void aRequestThatCompletesAndResetsDuringTheReads_isNeverOverdue() {
        for (HttpParser.State during : new HttpParser.State[] {HttpParser.State.END, HttpParser.State.CONTENT, HttpParser.State.HEADER}) {
            for (int resetAfter = 0; resetAfter <= 6; resetAfter++) {
                ScriptedParser parser = new ScriptedParser(during, NOW - TimeUnit.MILLISECONDS.toNanos(1), resetAfter);

                assertThat(HeaderDeadline.headOverdue(parser, NOW, TIMEOUT)).as("%s, reset after %d reads", during, resetAfter).isFalse();
            }
        }
    }

    @Test
    void aHeadBegunLongerAgoThanTheTimeout_isOverdue_inTheRequestLineOrTheHeaders() {
        long begun = NOW - TIMEOUT - 1;
        for (HttpParser.State state : new HttpParser.State[] {HttpParser.State.METHOD, HttpParser.State.URI, HttpParser.State.HEADER,
                HttpParser.State.SPACE2}) {
            assertThat(HeaderDeadline.headOverdue(new ScriptedParser(state, begun, Integer.MAX_VALUE), NOW, TIMEOUT)).as("%s", state).isTrue();
        }
    }

    @Test
    void aHeadWithinTheTimeout_aBodyAndAnIdleConnection_areNotOverdue() {
        assertThat(HeaderDeadline.headOverdue(new ScriptedParser(HttpParser.State.HEADER, NOW - TIMEOUT, Integer.MAX_VALUE), NOW, TIMEOUT))
                .as("a head exactly at the timeout").isFalse();
        assertThat(HeaderDeadline.headOverdue(new ScriptedParser(HttpParser.State.CONTENT, NOW - 2 * TIMEOUT, Integer.MAX_VALUE), NOW, TIMEOUT))
                .as("a slow body: the minimum body rate's business").isFalse();
        assertThat(HeaderDeadline.headOverdue(new ScriptedParser(HttpParser.State.START, 0, Integer.MAX_VALUE), NOW, TIMEOUT))
                .as("between requests: the idle timeout's business").isFalse();
    }

    @Test
    void aRealParser_isOverdueOnlyWhileItsHeadIsIncomplete() {
        HttpParser parser = new HttpParser(new IgnoringHandler());
        parser.parseNext(ByteBuffer.wrap("POST /v1/decisions HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        long begun = parser.getBeginNanoTime();

        assertThat(parser.getState()).isEqualTo(HttpParser.State.HEADER);
        assertThat(HeaderDeadline.headOverdue(parser, begun + TIMEOUT + 1, TIMEOUT)).isTrue();
        assertThat(HeaderDeadline.headOverdue(parser, begun + TIMEOUT, TIMEOUT)).isFalse();

        parser.parseNext(ByteBuffer.wrap("Content-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        parser.reset();

        assertThat(parser.getState()).isEqualTo(HttpParser.State.START);
        assertThat(HeaderDeadline.headOverdue(parser, begun + 2 * TIMEOUT, TIMEOUT)).isFalse();
    }

    /**
     * A parser whose state and begin time are scripted: {@code state} and {@code begun} for the first {@code resetAfter}
     * reads of either, then what a reset leaves (START, begin time 0), as if the connection's thread finished the
     * request in between.
     */
    private static final class ScriptedParser extends HttpParser {
        private final State state;
        private final long begun;
        private final int resetAfter;
        private int reads;

        ScriptedParser(State state, long begun, int resetAfter) {
            super(new IgnoringHandler());
            this.state = state;
            this.begun = begun;
            this.resetAfter = resetAfter;
        }

        private boolean resetYet() {
            return reads++ >= resetAfter;
        }

        @Override
        public State getState() {
            return resetYet() ? State.START : state;
        }

        @Override
        public boolean isState(State other) {
            return getState() == other;
        }

        @Override
        public boolean inHeaderState() {
            return getState().ordinal() < State.CONTENT.ordinal();
        }

        @Override
        public boolean inContentState() {
            State now = getState();
            return now.ordinal() >= State.CONTENT.ordinal() && now.ordinal() < State.END.ordinal();
        }

        @Override
        public long getBeginNanoTime() {
            return resetYet() ? 0 : begun;
        }
    }

    /** A request handler that takes what the parser gives it and does nothing with it. */
    private static final class IgnoringHandler implements HttpParser.RequestHandler {
        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
        }

        @Override
        public void parsedHeader(HttpField field) {
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            return false;
        }

        @Override
        public void earlyEOF() {
        }
    }
}
