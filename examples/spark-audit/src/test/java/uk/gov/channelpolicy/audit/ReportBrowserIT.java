package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import uk.gov.channelpolicy.HeadlessChromium;

/**
 * The report as a compliance officer opens it: a management tool's CSV export of five DH accounts
 * ({@code src/test/resources/demo/}) audited, and {@code report.html} opened from disk in Debian's headless
 * Chromium. With {@code -Dchannelpolicy.writeScreenshots=true} it writes docs/audit-report.png.
 */
class ReportBrowserIT {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static HeadlessChromium browser;
    private static AuditReport report;
    private static Path html;

    @BeforeAll
    static void auditAndOpen() throws Exception {
        Path demo = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/demo");
        var policy = ExecutorPolicies.policyFor(RuleSource.classpath("dh"));
        AuditSettings settings = AuditSettings.builder(Instant.parse("2026-01-01T00:00:00Z")).format(InputFormat.CSV)
                .accounts(AccountBook.parse("accounts.csv", Files.readString(demo.resolve("accounts.csv")), policy.vocabulary()))
                .columns(ColumnMap.parse("id=Post ID,time=Published (UTC),account=Profile,text=Message,link=Link,action=Type"))
                .maxInvalid(0.25).build();
        spark = LocalSpark.start();
        String output = dir.resolve("demo-audit").toString();
        report = new ArchiveAudit(spark, RuleSource.classpath("dh"), settings).run(demo.resolve("export.csv").toString(), output, false);
        html = Path.of(output, ArchiveAudit.HTML);
        browser = HeadlessChromium.start();
        browser.driver().get(html.toUri().toString());
    }

    @AfterAll
    static void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    private static ChromeDriver page() {
        return browser.driver();
    }

    @Test
    void report_opensWithNoConsoleErrors_andFetchesNothing() {
        assertThat(browser.consoleSince()).filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        Object external = page().executeScript("return performance.getEntriesByType('resource').length;");
        assertThat(((Number) external).intValue()).isZero();
        assertThat(page().getTitle()).isEqualTo("Audit of " + report.input());
    }

    @Test
    void report_showsTheRunsVerdictAndTheRuleSetsIdentity() {
        assertThat(page().findElement(By.id("verdict")).getText()).startsWith("This run succeeded: ").contains("of the records are invalid");
        assertThat(page().findElement(By.id("run")).getText()).contains(report.ruleSet().digest()).contains("masked (***)");
    }

    @Test
    void report_totalsByRuleShowEachRuleOnceWithItsEffectAndQuote_andAnOverruledPermitApart() {
        List<WebElement> rows = page().findElements(By.cssSelector("#rules + p + table tbody tr"));
        long rules = report.tables().byRule().stream().map(AuditTables.RuleTotal::rule).distinct().count();

        assertThat(rows).hasSize((int) rules);
        assertThat(rows).allSatisfy(row -> assertThat(row.findElements(By.cssSelector(".badge"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).isIn("PERMIT", "DENY")));
        assertThat(rows).anySatisfy(row -> assertThat(row.getText()).contains("\u201C"));
    }

    @Test
    void report_listsTheRecordsNeedingALook_withTextLinkAndReasons() {
        List<WebElement> items = page().findElements(By.cssSelector("#review ~ .item"));
        WebElement denied = page().findElement(By.xpath("//div[@class='item'][.//b[text()='s-1006']]"));

        assertThat(items.size()).isGreaterThanOrEqualTo((int) (report.notPermitted() + report.unclassified()));
        assertThat(denied.findElement(By.cssSelector(".badge")).getText()).isEqualTo("DENY");
        assertThat(denied.findElement(By.tagName("blockquote")).getText()).isEqualTo(
                "Only a Conservative government will deliver the new hospitals. #VoteConservative");
        assertThat(denied.findElement(By.tagName("a")).getAttribute("href")).isEqualTo("https://x.com/MinisterForCare/status/1787786400000001006");
        assertThat(denied.getText()).contains("party-political (machine-classified)").contains("DENY by ");
        WebElement unclassified = page().findElement(By.xpath("//div[@class='item'][.//b[text()='s-1008']]"));
        assertThat(unclassified.getText()).contains("No content category");
    }

    @Test
    void report_showsTheInvalidRecordsWithTheirProblems_andTakesAScreenshot() {
        String invalid = page().findElement(By.cssSelector("#invalid + p")).getText();

        assertThat(invalid).startsWith(report.invalid() + " records were quarantined");
        assertThat(report.invalid()).isEqualTo(3); // a repeated id, a year-2999 time, an account not in the accounts file
        assertThat(page().findElement(By.cssSelector("#invalid ~ table")).getText()).contains("$.time").contains("$.account").contains("$.id");
        Path shot = browser.screenshot("audit-report.png");
        assertThat(shot).exists();
    }
}
