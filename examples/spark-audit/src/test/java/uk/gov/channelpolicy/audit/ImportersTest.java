package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * Each importer as a mapping into requests: the accounts file, the lexicon, {@code tweets.js}, and the
 * mapper that makes an exported post a record to decide, an unclassified one, or an invalid one.
 */
class ImportersTest {
    private static final ChannelPolicy POLICY = ExecutorPolicies.policyFor(RuleSource.classpath("dh"));
    private static final Vocabulary WORDS = POLICY.vocabulary();
    static final String ACCOUNTS = """
            handle,department,channel_type,owner_role,owner_id,owner_capacity,operator_role,operator_id,default_category
            @DHgovuk,dh,corporate,,,,communications-division,dh-comms,departmental
            @JaneMP,dh,personal,minister,jane,personal,minister,jane,
            @AmyatDH,dh,,official,amy,official,official,amy,departmental
            """;
    private static final AccountBook BOOK = AccountBook.parse("accounts.csv", ACCOUNTS, WORDS);
    private static final ExportMapper MAPPER = new ExportMapper(BOOK, Lexicon.bundled(WORDS),
            TimeRules.iso(Instant.parse("2026-01-01T00:00:00Z")));

    private static ExportRecord post(String account, String text, List<String> categories) {
        return new ExportRecord(new SourceLine("export.csv", 7, "row"), "p1", "2024-05-01T09:00:00Z", account, null, categories, text,
                "https://x.com/DHgovuk/status/1", List.of());
    }

    @Test
    void accountBook_givesEachAccountItsChannelOwnerAndOperator_matchingHandlesWithoutCaseOrAt() {
        Account jane = BOOK.find("janemp").orElseThrow();

        assertThat(BOOK.size()).isEqualTo(3);
        assertThat(jane.channel()).isEqualTo(new Channel("personal", "@JaneMP", new Owner("minister", "jane", null, "personal")));
        assertThat(jane.operator()).isEqualTo(Actor.of("minister", "jane"));
        assertThat(BOOK.find("@DHGOVUK").orElseThrow().channel().owner()).isNull();
        assertThat(BOOK.find("@nobody")).isEmpty();
    }

    @Test
    void accountBook_refusesUnknownIdsAndColumns_listingEveryProblemWithLineAndSuggestion() {
        String text = """
                handle,department,operator_role,default_categroy
                @A,dh,minster,departmental
                @B,,official,departmental
                """;

        assertThatThrownBy(() -> AccountBook.parse("accounts.csv", text, WORDS)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("line 1: \"default_categroy\" is not a column of the accounts file")
                .hasMessageContaining("did you mean \"default_category\"?");
        String rows = ACCOUNTS.lines().findFirst().orElseThrow() + "\n@A,dh,,,,,minster,,party politics\n@B,,,,,,official,,\n";
        SettingsException problems = (SettingsException) org.assertj.core.api.Assertions.catchThrowable(
                () -> AccountBook.parse("accounts.csv", rows, WORDS));
        assertThat(problems.problems()).hasSize(3);
        assertThat(problems.problems().get(0)).startsWith("line 2, operator_role: \"minster\" is not a role").contains("did you mean \"minister\"?");
        assertThat(problems.problems().get(1)).startsWith("line 2, default_category: \"party politics\" is not a content category");
        assertThat(problems.problems().get(2)).isEqualTo("line 3, department: is required");
    }

    @Test
    void lexicon_assignsACategoryOnlyOnAMatchOfAWholeTermOrHashtag() {
        Lexicon lexicon = Lexicon.bundled(WORDS);

        assertThat(lexicon.classify("Out canvassing with our candidate today", List.of())).containsExactly("party-political");
        assertThat(lexicon.classify("Proud of our NHS staff", List.of("VoteLabour"))).containsExactly("party-political");
        assertThat(lexicon.classify("Join the #ClinicalTrial for asthma", List.of())).containsExactly("clinical-trial-recruitment");
        assertThat(lexicon.classify("The TORY-free zone", List.of())).containsExactly("party-political");
        assertThat(lexicon.classify("A history of Toryism", List.of())).isEmpty(); // a term inside a word is no match
        assertThat(lexicon.classify("New guidance on hospital discharge", List.of("NHS"))).isEmpty();
        assertThat(lexicon.classify(null, List.of())).isEmpty();
    }

    @Test
    void lexicon_refusesACategoryTheRuleSetDoesNotHave() {
        assertThatThrownBy(() -> Lexicon.parse("mine.csv", "category,term\npolitcal,referendum\n", WORDS))
                .isInstanceOf(SettingsException.class).hasMessageContaining("line 2: \"politcal\" is not a content category")
                .hasMessageContaining("did you mean \"political\"?");
    }

    @Test
    void mapper_usesTheStatedCategoryFirst() {
        ActivityRecord record = (ActivityRecord) MAPPER.map(post("@JaneMP", "Vote for us", List.of("personal")), WORDS);

        assertThat(record.request()).isEqualTo(new PolicyRequest(Actor.of("minister", "jane"), "post",
                new Channel("personal", "@JaneMP", new Owner("minister", "jane", null, "personal")), List.of("personal")));
        assertThat(record.categories()).isEqualTo(CategorySource.STATED);
        assertThat(record.text()).isEqualTo("Vote for us");
        assertThat(record.link()).isEqualTo("https://x.com/DHgovuk/status/1");
        assertThat(record.time()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
    }

    @Test
    void mapper_thenTheLexicon_markingTheRecordMachineClassified() {
        ActivityRecord record = (ActivityRecord) MAPPER.map(post("@DHgovuk", "Read the Labour Party manifesto", List.of()), WORDS);

        assertThat(record.request().content()).containsExactly("party-political");
        assertThat(record.categories()).isEqualTo(CategorySource.LEXICON);
    }

    @Test
    void mapper_thenTheAccountsDefault_thenNothing_whichIsUnclassifiedNotGuessed() {
        ActivityRecord corporate = (ActivityRecord) MAPPER.map(post("@DHgovuk", "New guidance on discharge", List.of()), WORDS);
        ParsedRecord minister = MAPPER.map(post("@JaneMP", "Lovely day in the constituency", List.of()), WORDS);

        assertThat(corporate.request().content()).containsExactly("departmental");
        assertThat(corporate.categories()).isEqualTo(CategorySource.ACCOUNT_DEFAULT);
        assertThat(minister).isInstanceOf(UnclassifiedRecord.class);
        assertThat(((UnclassifiedRecord) minister).text()).isEqualTo("Lovely day in the constituency");
    }

    @Test
    void mapper_quarantinesAnUnknownAccountAnImpossibleTimeAndAnUnknownCategory_allAtOnce() {
        ExportRecord bad = new ExportRecord(new SourceLine("export.csv", 9, "row"), "p9", "2999-01-01T00:00:00Z", "@Stranger", "tweet",
                List.of("party politics"), "x", null, List.of());

        InvalidRecord invalid = (InvalidRecord) MAPPER.map(bad, WORDS);

        assertThat(invalid.id()).isEqualTo("p9");
        assertThat(invalid.problems()).extracting(Problem::path).containsExactly("$.time", "$.account", "$.action", "$.category");
        assertThat(invalid.problems().get(1).message()).isEqualTo("\"@Stranger\" is not in the accounts file: add the account, with "
                + "its owner and operator, to decide its posts");
    }

    @Test
    void tweetsJs_readsEachPostOfTheArchiveWithItsLinkHashtagsAndAction() {
        String archive = """
                window.YTD.tweets.part0 = [
                  {
                    "tweet" : {
                      "id_str" : "1712345678901234567",
                      "created_at" : "Tue Oct 10 09:30:00 +0000 2023",
                      "full_text" : "Our winter vaccine programme starts today #GetVaccinated",
                      "entities" : { "hashtags" : [ { "text" : "GetVaccinated", "indices" : [ "42", "56" ] } ], "urls" : [ ] },
                      "in_reply_to_status_id_str" : null
                    }
                  },
                  {
                    "tweet" : {
                      "id_str" : "1712345678901234568",
                      "created_at" : "Tue Oct 10 10:00:00 +0000 2023",
                      "full_text" : "@someone Thanks, details are on GOV.UK",
                      "entities" : { "hashtags" : [ ] },
                      "in_reply_to_status_id_str" : "1712345678901234000"
                    }
                  },
                  { "tweet" : { "id_str" : "1712345678901234569", "created_at" : "Tue Oct 10 11:00:00 +0000 2023", "full_text" : "RT @NHSEngland: Winter" } }
                ]
                """;

        List<Imported> posts = TweetArchive.posts("data/tweets.js", archive.getBytes(StandardCharsets.UTF_8), "@DHgovuk");

        assertThat(posts).hasSize(3).allSatisfy(post -> assertThat(post).isInstanceOf(ExportRecord.class));
        ExportRecord first = (ExportRecord) posts.get(0);
        assertThat(first.id()).isEqualTo("1712345678901234567");
        assertThat(first.time()).isEqualTo("Tue Oct 10 09:30:00 +0000 2023");
        assertThat(first.text()).isEqualTo("Our winter vaccine programme starts today #GetVaccinated");
        assertThat(first.hashtags()).containsExactly("GetVaccinated");
        assertThat(first.link()).isEqualTo("https://x.com/DHgovuk/status/1712345678901234567");
        assertThat(first.account()).isEqualTo("@DHgovuk");
        assertThat(first.source().offset()).isEqualTo(archive.indexOf("{"));
        assertThat(posts).extracting(post -> ((ExportRecord) post).action()).containsExactly("post", "reply", "promote");
        ActivityRecord mapped = (ActivityRecord) new ExportMapper(BOOK, Lexicon.bundled(WORDS),
                TimeRules.iso(Instant.parse("2026-01-01T00:00:00Z")).withFormat(TimeRules.TWITTER, null)).map(first, WORDS);
        assertThat(mapped.time()).isEqualTo(Instant.parse("2023-10-10T09:30:00Z"));
        assertThat(mapped.request().actor()).isEqualTo(Actor.of("communications-division", "dh-comms"));
    }

    @Test
    void tweetsJs_cutShortKeepsThePostsBeforeTheCutAndReportsTheRestWithItsId() {
        String archive = "window.YTD.tweets.part0 = [ { \"tweet\" : { \"id_str\" : \"1\", \"created_at\" : \"Tue Oct 10 09:30:00 +0000 2023\", "
                + "\"full_text\" : \"a\" } }, { \"tweet\" : { \"id_str\" : \"2\", \"created_at\" : \"Tue Oct";

        List<Imported> posts = TweetArchive.posts("tweets.js", archive.getBytes(StandardCharsets.UTF_8), "@DHgovuk");

        assertThat(posts).hasSize(2);
        assertThat(posts.get(0)).isInstanceOf(ExportRecord.class);
        InvalidRecord cut = (InvalidRecord) posts.get(1);
        assertThat(cut.id()).isEqualTo("2");
        assertThat(cut.problems().get(0).message()).startsWith("malformed JSON, the file is cut short or damaged here");
    }

    @Test
    void tweetsJs_quarantinesAPostHoldingBytesThatAreNotUtf8() {
        byte[] good = ("window.YTD.tweets.part0 = [ { \"tweet\" : { \"id_str\" : \"1\", \"created_at\" : \"Tue Oct 10 09:30:00 +0000 2023\", "
                + "\"full_text\" : \"caf\u00e9\" } } ]").getBytes(StandardCharsets.UTF_8);
        byte[] bad = good.clone();
        int e = new String(good, StandardCharsets.UTF_8).indexOf("caf") + 3;
        bad[e + 1] = (byte) 'x'; // the second byte of é replaced: a lead byte alone

        ExportRecord post = (ExportRecord) TweetArchive.posts("tweets.js", bad, "@DHgovuk").get(0);
        InvalidRecord invalid = (InvalidRecord) MAPPER.map(post, WORDS);

        assertThat(post.source().badByte()).isNotNegative();
        assertThat(((ExportRecord) TweetArchive.posts("tweets.js", good, "@DHgovuk").get(0)).source().badByte()).isEqualTo(-1);
        assertThat(invalid.problems()).extracting(Problem::path).containsExactly("$", "$.time");
        assertThat(invalid.problems().get(0).message()).startsWith("is not valid UTF-8");
    }

    @Test
    void tweetsJs_nameOfTheAccountComesFromAccountJs() {
        String accountJs = "window.YTD.account.part0 = [ { \"account\" : { \"email\" : \"x@y\", \"username\" : \"DHgovuk\", \"accountId\" : \"1\" } } ]";

        assertThat(TweetArchive.handleIn(accountJs)).isEqualTo("@DHgovuk");
        assertThat(TweetArchive.handleIn("window.YTD.account.part0 = []")).isNull();
    }

    @Test
    void columnMap_namesEachPartsColumn_andSaysWhichColumnIsMissing() {
        ColumnMap map = ColumnMap.parse("id=Post ID,time=Published,account=Profile,text=Message");

        assertThat(map.resolve(List.of("Post ID", "Published", "Profile", "Message", "link"))).containsExactly(
                org.assertj.core.api.Assertions.entry("id", "Post ID"), org.assertj.core.api.Assertions.entry("time", "Published"),
                org.assertj.core.api.Assertions.entry("account", "Profile"), org.assertj.core.api.Assertions.entry("text", "Message"),
                org.assertj.core.api.Assertions.entry("link", "link"));
        assertThatThrownBy(() -> map.resolve(List.of("Post Id", "Published", "Profile")))
                .hasMessageContaining("id: the export has no column \"Post ID\"").hasMessageContaining("did you mean \"Post Id\"?");
        assertThatThrownBy(() -> ColumnMap.parse("txt=Message")).hasMessageContaining("did you mean \"text\"?");
    }

    @Test
    void textMasking_hidesHandlesAndEmailAddressesOnly() {
        assertThat(TextMasking.mask("Thanks @NHSEngland, write to press.office@dh.gsi.gov.uk or see https://gov.uk/x #NHS"))
                .isEqualTo("Thanks @***, write to ***@*** or see https://gov.uk/x #NHS");
    }

    @Test
    void staffIds_areMaskedOrHashedExactlyAsTheDecisionLogWritesThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        java.nio.file.Path file = dir.resolve("decisions.jsonl");
        try (uk.gov.channelpolicy.log.DecisionLog log = uk.gov.channelpolicy.log.DecisionLog.builder(file).keyedHash(key).build();
                ChannelPolicy logged = ChannelPolicy.builder().ruleSet("dh").decisionSink(log).build()) {
            logged.evaluate(new PolicyRequest(Actor.of("official", "amy"), "post",
                    new Channel("personal", "@AmyatDH", new Owner("official", "amy", null, "personal")), List.of("personal")));
        }
        com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Files.readAllLines(file).get(0));

        assertThat(StaffIds.keyedHash(key).show("amy")).startsWith("hmac-sha256:")
                .isEqualTo(record.at("/request/actor/id").asText()).isEqualTo(record.at("/request/channel/owner/id").asText());
        assertThat(StaffIds.masked().show("amy")).isEqualTo("***");
        assertThat(StaffIds.masked().show(null)).isNull();
        assertThatThrownBy(() -> StaffIds.keyedHash(new byte[8])).hasMessageContaining("at least 32 bytes");
    }
}
