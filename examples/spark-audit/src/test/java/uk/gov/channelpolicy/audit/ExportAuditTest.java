package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * Real exports audited end to end on a local SparkSession: a Twitter/X archive, a management tool's CSV
 * export and a Parquet export, each with the accounts file; and the data problems real archives have
 * (duplicate ids, impossible times, bytes that are not UTF-8, lines cut short), each quarantined with a
 * reason.
 */
class ExportAuditTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final RuleSource DH = RuleSource.classpath("dh");

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static ChannelPolicy policy;
    private static AccountBook accounts;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        policy = ExecutorPolicies.policyFor(DH);
        accounts = AccountBook.parse("accounts.csv", ImportersTest.ACCOUNTS, policy.vocabulary());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static AuditSettings.Builder settings(InputFormat format) {
        return AuditSettings.builder(START).format(format).accounts(accounts);
    }

    private static Map<String, Row> rows(String output, String table, String key) {
        return LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + table), key);
    }

    @Test
    void tweetsJs_isAuditedPostByPost_withTheAccountFromAccountJs() throws Exception {
        Path data = Files.createDirectories(dir.resolve("twitter-archive/data"));
        Files.writeString(data.resolve("account.js"), "window.YTD.account.part0 = [ {\n  \"account\" : {\n    \"username\" : \"JaneMP\",\n"
                + "    \"accountId\" : \"42\"\n  }\n} ]");
        Files.writeString(data.resolve("tweets.js"), """
                window.YTD.tweets.part0 = [
                  { "tweet" : { "id_str" : "101", "created_at" : "Mon Jun 03 09:00:00 +0000 2024",
                      "full_text" : "Out canvassing for the Labour Party today", "entities" : { "hashtags" : [ ] } } },
                  { "tweet" : { "id_str" : "102", "created_at" : "Mon Jun 03 10:00:00 +0000 2024",
                      "full_text" : "Lovely morning at the hospice", "entities" : { "hashtags" : [ ] } } },
                  { "tweet" : { "id_str" : "103", "created_at" : "Mon Jun 03 11:00:00 +0000 2024",
                      "full_text" : "Vote for change", "entities" : { "hashtags" : [ { "text" : "GE2024" } ] },
                      "in_reply_to_status_id_str" : "99" } }
                ]
                """);
        Files.writeString(data.resolve("like.js"), "window.YTD.like.part0 = [ ]"); // not posts: not read
        String output = dir.resolve("tweets-audit").toString();

        AuditReport report = new ArchiveAudit(spark, DH, settings(InputFormat.TWEETS_JS).build()).run(data.toString(), output, false);

        Map<String, Row> decisions = rows(output, ArchiveAudit.DECISIONS, "record_id");
        Map<String, Row> review = rows(output, ArchiveAudit.REVIEW, "record_id");
        assertThat(report.records()).isEqualTo(3);
        assertThat(report.decided()).isEqualTo(2);
        assertThat(report.unclassified()).isEqualTo(1);
        assertThat(report.invalid()).isZero();
        assertThat(report.machineClassified()).isEqualTo(2);
        Row canvassing = decisions.get("101");
        assertThat(canvassing.<String>getList(canvassing.fieldIndex("content"))).containsExactly("party-political");
        assertThat((Boolean) canvassing.getAs("machine_classified")).isTrue();
        assertThat((String) canvassing.getAs("account")).isEqualTo("@JaneMP");
        assertThat((String) canvassing.getAs("text")).isEqualTo("Out canvassing for the Labour Party today");
        assertThat((String) canvassing.getAs("link")).isEqualTo("https://x.com/JaneMP/status/101");
        assertThat((String) canvassing.getAs("actor_id")).isEqualTo("***");
        assertThat((String) decisions.get("103").getAs("action")).isEqualTo("reply");
        assertThat(((Timestamp) canvassing.getAs("time")).toInstant()).isEqualTo(Instant.parse("2024-06-03T09:00:00Z"));
        // What the library decides for the same request, with the categories the lexicon gave.
        assertThat((String) canvassing.getAs("outcome")).isEqualTo(policy.evaluate(new uk.gov.channelpolicy.PolicyRequest(
                accounts.find("@JaneMP").orElseThrow().operator(), "post", accounts.find("@JaneMP").orElseThrow().channel(),
                List.of("party-political"))).outcome().name());
        Row unclassified = review.get("102");
        assertThat((String) unclassified.getAs("status")).isEqualTo("unclassified");
        assertThat((String) unclassified.getAs("text")).isEqualTo("Lovely morning at the hospice");
        assertThat(report.failure()).isNull();
    }

    @Test
    void csvExport_isAuditedWithConfiguredColumnsAndTimeFormat_andEveryDataProblemQuarantined() throws Exception {
        Path csv = dir.resolve("export.csv");
        byte[] head = ("Post ID,Published,Profile,Message,Permalink\r\n"
                + "c1,03/06/2024 09:00,@DHgovuk,\"New guidance on discharge,\nout today\",https://x.com/DHgovuk/status/1\r\n"
                + "c2,03/06/2024 10:00,@DHgovuk,Join the #ClinicalTrial for asthma,https://x.com/DHgovuk/status/2\r\n"
                + "c1,03/06/2024 11:00,@DHgovuk,A repeat of c1's id,https://x.com/DHgovuk/status/3\r\n"
                + "c4,03/06/2999 11:00,@DHgovuk,From the future,https://x.com/DHgovuk/status/4\r\n"
                + "c5,03/06/2024 12:00,@Stranger,Not our account,https://x.com/Stranger/status/5\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "c6,03/06/2024 13:00,@DHgovuk,caf\u00e9 bytes,https://x.com/DHgovuk/status/6\r\n".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 40] = (byte) 0xE9; // Latin-1 é inside UTF-8 text, as a spreadsheet saves it
        Files.write(csv, concat(head, bad));
        String output = dir.resolve("csv-audit").toString();

        AuditReport report = new ArchiveAudit(spark, DH, settings(InputFormat.CSV)
                .columns(ColumnMap.parse("id=Post ID,time=Published,account=Profile,text=Message,link=Permalink"))
                .timeFormat("dd/MM/yyyy HH:mm", "Europe/London").build()).run(csv.toString(), output, false);

        Map<String, Row> decisions = rows(output, ArchiveAudit.DECISIONS, "record_id");
        List<Row> invalid = LocalSpark.read(spark, output + "/" + ArchiveAudit.INVALID);
        assertThat(decisions.keySet()).containsExactlyInAnyOrder("c1", "c2");
        assertThat((String) decisions.get("c1").getAs("text")).isEqualTo("New guidance on discharge,\nout today");
        assertThat((String) decisions.get("c1").getAs("category_source")).isEqualTo("account-default");
        assertThat((Long) decisions.get("c1").getAs("source_offset")).isEqualTo(1L);
        assertThat(((Timestamp) decisions.get("c1").getAs("time")).toInstant()).isEqualTo(Instant.parse("2024-06-03T08:00:00Z"));
        assertThat(decisions.get("c2").<String>getList(decisions.get("c2").fieldIndex("content"))).containsExactly("clinical-trial-recruitment");
        assertThat(invalid).hasSize(4);
        assertThat(invalid).extracting(row -> (String) row.getAs("record_id")).containsExactlyInAnyOrder("c1", "c4", "c5", "c6");
        assertThat(problems(invalid, "c1")).containsExactly("$.id duplicate record id \"c1\": the first, at " + decisions.get("c1").getAs("source_file")
                + " 1, is the one decided; this one is quarantined");
        assertThat(problems(invalid, "c4")).singleElement().asString().startsWith("$.time \"03/06/2999 11:00\" is impossible: after the audit started");
        assertThat(problems(invalid, "c5")).singleElement().asString().startsWith("$.account \"@Stranger\" is not in the accounts file");
        assertThat(problems(invalid, "c6")).singleElement().asString().startsWith("$ is not valid UTF-8");
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.invalid()).isEqualTo(4);
        assertThat(report.records()).isEqualTo(6);
        assertThat(report.failure()).startsWith("66.67% of the records are invalid (4 of 6), more than --max-invalid 1%");
    }

    @Test
    void parquetExport_isAuditedWithATimestampColumnAndAStatedCategory() {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("time", DataTypes.TimestampType)
                .add("account", DataTypes.StringType).add("category", DataTypes.StringType).add("action", DataTypes.StringType)
                .add("text", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create("q1", Timestamp.from(Instant.parse("2024-02-01T12:00:00Z")), "@AmyatDH", "departmental", "post", "Our data"),
                RowFactory.create("q2", Timestamp.from(Instant.parse("2024-02-02T12:00:00Z")), "@AmyatDH", "party-political; personal", "post", "x"));
        String input = dir.resolve("export.parquet").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(input);
        String output = dir.resolve("parquet-audit").toString();

        AuditReport report = new ArchiveAudit(spark, DH, settings(InputFormat.PARQUET).build()).run(input, output, false);

        Map<String, Row> decisions = rows(output, ArchiveAudit.DECISIONS, "record_id");
        assertThat(report.decided()).isEqualTo(2);
        assertThat(((Timestamp) decisions.get("q1").getAs("time")).toInstant()).isEqualTo(Instant.parse("2024-02-01T12:00:00Z"));
        assertThat(decisions.get("q2").<String>getList(decisions.get("q2").fieldIndex("content"))).containsExactly("party-political", "personal");
        assertThat((String) decisions.get("q2").getAs("category_source")).isEqualTo("stated");
        assertThat((String) decisions.get("q1").getAs("outcome")).isEqualTo(policy.evaluate(new uk.gov.channelpolicy.PolicyRequest(
                accounts.find("@AmyatDH").orElseThrow().operator(), "post", accounts.find("@AmyatDH").orElseThrow().channel(),
                List.of("departmental"))).outcome().name());
    }

    @Test
    void jsonl_dataProblemsAreQuarantinedWithAReason_andTheTextCanBeMasked() throws Exception {
        String request = "{\"actor\":{\"role\":\"official\",\"id\":\"amy\"},\"action\":\"post\",\"channel\":{\"handle\":\"@AmyatDH\","
                + "\"owner\":{\"role\":\"official\",\"id\":\"amy\",\"capacity\":\"official\"}},\"content\":[\"departmental\"]}";
        String first = "{\"id\":\"j1\",\"time\":\"2024-03-05T10:15:00Z\",\"department\":\"dh\",\"text\":\"Ask @NHSEngland or mail a.b@dh.gov.uk\","
                + "\"link\":\"https://x.com/AmyatDH/status/1\",\"request\":" + request + "}";
        String repeat = first.replace("10:15:00Z", "11:15:00Z");
        String future = first.replace("\"j1\"", "\"j2\"").replace("2024-03-05", "2999-03-05");
        String cut = first.replace("\"j1\"", "\"j3\"").substring(0, 80);
        byte[] badBytes = first.replace("\"j1\"", "\"j4\"").getBytes(StandardCharsets.UTF_8);
        badBytes[badBytes.length - 5] = (byte) 0xFF;
        Path input = dir.resolve("problems.jsonl");
        Files.write(input, concat((first + "\n" + repeat + "\n" + future + "\n" + cut + "\n").getBytes(StandardCharsets.UTF_8), badBytes,
                "\n".getBytes(StandardCharsets.UTF_8)));
        String output = dir.resolve("problems-audit").toString();

        AuditReport report = new ArchiveAudit(spark, DH, AuditSettings.builder(START).maskText(true).build()).run(input.toString(), output, false);

        Map<String, Row> decisions = rows(output, ArchiveAudit.DECISIONS, "record_id");
        List<Row> invalid = LocalSpark.read(spark, output + "/" + ArchiveAudit.INVALID);
        assertThat(decisions.keySet()).containsExactly("j1");
        assertThat(((Timestamp) decisions.get("j1").getAs("time")).toInstant()).isEqualTo(Instant.parse("2024-03-05T10:15:00Z"));
        assertThat((String) decisions.get("j1").getAs("text")).isEqualTo("Ask @*** or mail ***@***");
        assertThat((String) decisions.get("j1").getAs("link")).isEqualTo("https://x.com/AmyatDH/status/1");
        assertThat(invalid).extracting(row -> (String) row.getAs("record_id")).containsExactlyInAnyOrder("j1", "j2", "j3", "j4");
        assertThat(problems(invalid, "j1")).singleElement().asString().startsWith("$.id duplicate record id \"j1\": the first, at ")
                .endsWith(" 0, is the one decided; this one is quarantined");
        assertThat(problems(invalid, "j2")).singleElement().asString().startsWith("$.time \"2999-03-05T10:15:00Z\" is impossible");
        assertThat(problems(invalid, "j3")).singleElement().asString().startsWith("$ malformed JSON");
        assertThat(problems(invalid, "j4")).singleElement().asString().startsWith("$ is not valid UTF-8: byte ");
        assertThat(report.outcomes().get(Outcome.PERMIT) + report.notPermitted()).isEqualTo(1);
        assertThat(report.failure()).startsWith("80.00% of the records are invalid (4 of 5)");
        assertThat(Files.readString(Path.of(output, ArchiveAudit.REPORT))).contains("\"succeeded\" : false").contains("\"duplicates\" : 1");
    }

    private static List<String> problems(List<Row> invalid, String id) {
        return invalid.stream().filter(row -> id.equals(row.getAs("record_id"))).filter(row -> !id.equals("c1") && !id.equals("j1")
                || row.<Row>getList(row.fieldIndex("problems")).get(0).getAs("path").equals("$.id"))
                .flatMap(row -> row.<Row>getList(row.fieldIndex("problems")).stream())
                .map(problem -> problem.getAs("path") + " " + problem.getAs("message")).toList();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
