package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * A request that contradicts itself (a channel stated corporate with a named owner, stated official or personal
 * with none, or an owner with the actor's id in another role) is invalid: the manifest's constraints and the one identity rule
 * (one id names one person) refuse it in the one validator, with the JSON path, what is
 * wrong and the allowed values, before any rule runs. It is never a decision quoting the guidance.
 * Each case is a file in {@code src/test/resources/invalid-requests}: the request and the problems it must get.
 */
class DhContradictoryRequestsTest {
    private static final Path CASES = Path.of("src/test/resources/invalid-requests");
    private static final ChannelPolicy POLICY = ChannelPolicy.builder().ruleSet("dh").build();

    @TestFactory
    Stream<DynamicTest> everyContradictoryRequest_isInvalid_withThePathAndAllowedValues() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(CASES)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(6);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            // The codec is the serving version's validator: the contradiction is refused as the JSON is read, and
            // evaluateJson, which reads and decides with one version, refuses it the same way.
            InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                    () -> POLICY.json().readRequest(root.get("given").toString()));
            InvalidRequestException decided = catchThrowableOfType(InvalidRequestException.class,
                    () -> POLICY.evaluateJson(root.get("given").toString()));
            assertThat(decided).isNotNull();
            assertThat(decided.problems()).isEqualTo(invalid == null ? null : invalid.problems());

            assertThat(invalid).as(root.get("description").asText()).isNotNull();
            List<String> expected = new ArrayList<>();
            root.get("problems").forEach(p -> expected.add(p.get("path").asText() + " " + p.get("allowed")));
            assertThat(invalid.problems()).extracting(p -> p.path() + " " + new ObjectMapper().valueToTree(p.allowedValues()))
                    .containsExactlyElementsOf(expected);
            assertThat(invalid.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("contradicts itself: "));
            assertThat(POLICY.ruleSet().manifest().version()).isEqualTo("2.0.0");
        }));
    }

    @Test
    void theDomainHoldsOnlyValidRequests_andEveryOneItLeavesOutBreaksAConstraint() {
        Vocabulary vocabulary = POLICY.vocabulary();
        assertThat(vocabulary.constraints()).extracting(Vocabulary.Constraint::id).containsExactly("corporate-channel-has-no-owner",
                "official-channel-has-an-owner", "personal-channel-has-an-owner", "official-channel-belongs-to-the-department");
        RequestDomain domain = RequestDomain.of(vocabulary);
        long count = 0;
        for (PolicyRequest request : domain) {
            assertThat(vocabulary.contradictions(request)).isEmpty();
            count++;
        }
        // 63 action slots (11 actions with no source; promote and share with none, a source with no owner, or one of 24
        // source owners) x 31 content sets, by stated type: none with any of 25 owners, corporate with none, personal with
        // any of the 24, official with the 15 (an actor in DH) or 12 (outside) owners in DH.
        assertThat(count).isEqualTo(domain.size()).isEqualTo((11L + 2 * 26) * 31 * (4 * (25 + 1 + 24 + 15) + 3 * (25 + 1 + 24 + 12)));
    }

    @Test
    void aContradictoryJsonRequest_isRefusedAtTheOwner_withTheGuidancesWords() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () -> POLICY.evaluate(POLICY.json()
                .readRequest("{\"actor\":{\"role\":\"official\"},\"action\":\"post\",\"channel\":{\"type\":\"corporate\","
                        + "\"owner\":{\"role\":\"official\",\"id\":\"amy\"}},\"content\":[\"departmental\"]}")));

        assertThat(invalid.problems()).extracting(Problem::path).containsExactly("$.channel.owner");
        assertThat(POLICY.json().writeError(invalid.problems())).contains("$.channel.owner").contains("corporate channel");
    }
}
