package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.audit.SyntheticRecord.Defect;

/** The synthetic archive: reproducible, readable as intended, and holding the defects it claims. */
class ArchiveGeneratorTest {
    private static final ChannelPolicy POLICY = ExecutorPolicies.policyFor(RuleSource.classpath("dh"));

    private final RecordParser parser = new RecordParser(POLICY.json());

    private static List<SyntheticRecord> records(ArchiveGenerator generator, long count) {
        return LongStream.range(0, count).mapToObj(generator::record).toList();
    }

    @Test
    void record_isTheSameForTheSameSeedAndIndex() {
        assertThat(records(new ArchiveGenerator(7, 0.05), 500)).isEqualTo(records(new ArchiveGenerator(7, 0.05), 500));
    }

    @Test
    void record_differsForAnotherSeed() {
        assertThat(new ArchiveGenerator(7, 0.05).record(3).line()).isNotEqualTo(new ArchiveGenerator(8, 0.05).record(3).line());
    }

    @Test
    void write_writesTheRecordsLineForLineAndCountsTheDefects(@TempDir Path dir) throws Exception {
        ArchiveGenerator generator = new ArchiveGenerator(7, 0.05);
        Path archive = dir.resolve("archive.jsonl");
        Path requests = dir.resolve("requests.jsonl");

        Map<Defect, Long> defects = generator.write(archive, 2_000, requests);

        List<SyntheticRecord> expected = records(generator, 2_000);
        assertThat(Files.readAllLines(archive)).isEqualTo(expected.stream().map(SyntheticRecord::line).toList());
        assertThat(Files.readAllLines(requests)).isEqualTo(expected.stream().map(SyntheticRecord::requestLine).toList());
        assertThat(defects.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
        assertThat(defects.get(Defect.NONE)).isBetween(1_850L, 1_950L);
    }

    @Test
    void soundRecords_readBackAsTheRequestTheGeneratorMeant() {
        for (SyntheticRecord record : records(new ArchiveGenerator(11, 0.0), 3_000)) {
            ParsedRecord parsed = parser.parse(new SourceLine("f", 1, record.line()));

            assertThat(parsed).as(record.line()).isInstanceOf(ActivityRecord.class);
            assertThat(((ActivityRecord) parsed).request()).as(record.line()).isEqualTo(record.request());
            assertThat(((ActivityRecord) parsed).id()).isEqualTo(record.id());
        }
    }

    @Test
    void defectiveRecords_readBackAsInvalidWithAProblemWhereTheDefectIs() {
        List<SyntheticRecord> defective = records(new ArchiveGenerator(11, 1.0), 1_000);

        assertThat(defective).extracting(SyntheticRecord::defect).doesNotContain(Defect.NONE)
                .containsAll(EnumSet.complementOf(EnumSet.of(Defect.NONE)));
        for (SyntheticRecord record : defective) {
            ParsedRecord parsed = parser.parse(new SourceLine("f", 1, record.line()));

            assertThat(parsed).as(record.line()).isInstanceOf(InvalidRecord.class);
            List<Problem> problems = ((InvalidRecord) parsed).problems();
            assertThat(problems).as(record.line()).extracting(Problem::path).containsExactly(record.defect().path());
            if (record.defect() == Defect.MISSPELT_ROLE || record.defect() == Defect.MISSPELT_ACTION) {
                assertThat(problems.get(0).suggestion()).as("did you mean, for " + record.line()).isNotNull();
            }
        }
    }

    @Test
    void archive_exercisesEveryOutcomeButIndeterminate() {
        var outcomes = records(new ArchiveGenerator(7, 0.0), 2_000).stream()
                .map(record -> POLICY.evaluate(record.request()).outcome()).distinct().toList();

        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.PERMIT, Outcome.DENY, Outcome.NOT_APPLICABLE);
    }
}
