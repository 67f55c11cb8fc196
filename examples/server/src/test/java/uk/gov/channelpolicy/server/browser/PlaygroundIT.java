package uk.gov.channelpolicy.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.server.ServerConfig;

/**
 * The playground page in a real browser against the real server: a person fills the form, by keyboard or by
 * mouse, and reads the decision, the rules that made it, the guidance they quote and what would change it.
 */
class PlaygroundIT {

    @RegisterExtension
    static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).build());
    private PlaygroundPage page;

    @BeforeEach
    void openPage() {
        page = new PlaygroundPage(SESSION.browser().driver(), SESSION.baseUrl()).open();
    }

    @Test
    void explain_showsDenyWithTheRuleItsQuoteAndWhatWouldChangeIt_whenAnOfficialDraftsPartyPoliticalForAMinister() {
        // Entirely by keyboard: type into each select, space to tick, Enter to send.
        page.typeIntoSelect("actor-role", "DH")
                .type("actor-id", "a1")
                .typeIntoSelect("action", "draft")
                .typeIntoSelect("channel-type", "Personal")
                .typeIntoSelect("owner-role", "Minister");
        page.type("owner-id", "jane")
                .tickContentByKeyboard("party-political");
        assertThat(page.field("actor-role").getAttribute("value")).isEqualTo("official");
        assertThat(page.field("action").getAttribute("value")).isEqualTo("draft");
        assertThat(page.field("channel-type").getAttribute("value")).isEqualTo("personal");
        assertThat(page.field("owner-role").getAttribute("value")).isEqualTo("minister");

        page.submitByKeyboard().waitForOutcome();

        assertThat(page.outcomeCode()).isEqualTo("DENY");
        assertThat(page.verdict()).isEqualTo("Not allowed");
        WebElement reason = page.cards("reasons").stream()
                .filter(card -> card.getText().contains("dh.ministers.no-official-help-with-party-political"))
                .findFirst().orElseThrow(() -> new AssertionError("no reason cites dh.ministers.no-official-help-with-party-political"));
        assertThat(reason.findElement(By.tagName("blockquote")).getText())
                .contains("DH officials cannot assist in the use of the channel for personal or party political content.");
        assertThat(reason.findElement(By.tagName("figcaption")).getText()).contains("DH ministers on Twitter");
        assertThat(page.sectionText("facts"))
                .contains("Personal channel (a named person, personal engagement)")
                .contains("Civil Service Code").contains("Ministerial Code")
                .contains("dh 2.0.0");
        assertThat(page.sectionText("alternatives")).contains("What would change the answer");
        List<WebElement> alternatives = page.alternatives();
        assertThat(alternatives).isNotEmpty();
        // The first: a minister drafting on their own channel would be allowed.
        assertThat(alternatives.get(0).getText())
                .contains("Their role: DH official \u2192 Minister")
                .contains("Whose channel: another minister's channel \u2192 the actor's own channel")
                .contains("PERMIT allowed");

        SESSION.browser().screenshot("playground-deny.png", "result");
    }

    @Test
    void explain_showsPermitWithObligationsAdviceAndResponsibilities_whenAMinisterPostsPoliticalOnOwnChannel() {
        page.select("actor-role").selectByValue("minister");
        page.type("actor-id", "jane");
        page.select("action").selectByValue("post");
        page.select("channel-type").selectByValue("personal");
        page.select("owner-role").selectByValue("minister");
        page.type("owner-id", "jane");
        page.clickContent("political").clickSubmit().waitForOutcome();

        assertThat(page.outcomeCode()).isEqualTo("PERMIT");
        assertThat(page.verdict()).isEqualTo("Allowed");
        assertThat(page.sectionText("reasons")).contains("dh.ministers.minister-uses-own-personal-channel");
        assertThat(page.sectionText("obligations")).contains("What must be done").contains("dh.ministers.treat-as-live-public-media");
        assertThat(page.sectionText("advice"))
                .contains("dh.advice.digital-team-can-support-political-use")
                .contains("dh.principles.be-responsible")
                .contains("Be responsible");
        assertThat(page.sectionText("responsibilities")).contains("Minister");
        for (WebElement card : page.cards("obligations")) {
            assertThat(card.findElement(By.tagName("blockquote")).getText()).isNotBlank();
        }
        assertThat(page.alternatives()).anySatisfy(row -> assertThat(row.getText())
                .contains("Channel type: Personal channel (a named person, personal engagement) \u2192 Corporate channel")
                .contains("DENY not allowed"));

        SESSION.browser().screenshot("playground-permit.png", "result");
    }

    @Test
    void submit_listsEveryMissingAnswerInAnErrorSummaryAndSendsNothing_whenNoContentIsTicked() {
        page.select("action").selectByValue("post");
        page.clickSubmit().waitForErrorSummary();

        assertThat(page.errorSummaryItems())
                .containsExactly("Choose the role of the person acting", "Select at least one kind of content");
        assertThat(page.activeElementId()).isEqualTo("error-summary");
        assertThat(SESSION.browser().driver().findElements(By.id("outcome"))).isEmpty();
        assertThat(page.field("content-error").getText()).contains("Select at least one kind of content");

        // The summary's links take the keyboard to the field that needs an answer.
        SESSION.browser().driver().findElement(By.linkText("Select at least one kind of content")).sendKeys(Keys.ENTER);
        assertThat(page.field(page.activeElementId()).getAttribute("name")).isEqualTo("content");
    }

    @Test
    void submitJson_showsEveryProblemTheServerFinds_withPathAllowedValuesAndSuggestion() {
        page.field("json-details").findElement(By.tagName("summary")).click();
        WebElement json = page.field("request-json");
        json.clear();
        json.sendKeys("{\"actor\": {\"role\": \"oficial\"}, \"action\": \"draft\", \"channel\": {}, \"content\": []}");
        page.field("submit-json").click();
        page.waitForErrorSummary();

        assertThat(page.field("error-summary-title").getText()).isEqualTo("Invalid request");
        List<String> problems = page.errorSummaryItems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("$.actor.role").contains("is not a role").contains("Did you mean official?")
                .contains("Allowed values: minister, official, communications-division, private-office");
        assertThat(problems.get(1)).contains("$.content");
        assertThat(page.field("request-json-error").isDisplayed()).isTrue();
    }

    @Test
    void submitJson_showsTheLineAndColumn_whenTheJsonIsMalformed() {
        page.field("json-details").findElement(By.tagName("summary")).click();
        WebElement json = page.field("request-json");
        json.clear();
        json.sendKeys("{\"actor\": {\"role\": \"official\"},\n \"action\": }");
        page.field("submit-json").click();
        page.waitForErrorSummary();

        assertThat(page.errorSummaryItems()).singleElement().asString().containsPattern("line 2, column \\d+");
    }

    @Test
    void form_isBuiltFromTheServedVocabulary_andNamesTheServedRuleSet() {
        RuleSetIdentity identity = SESSION.server().policy().ruleSet().identity();
        assertThat(page.field("rule-set").getText()).contains("Rule set " + identity.id() + " version " + identity.version());
        assertThat(page.select("actor-role").getOptions()).extracting(WebElement::getText)
                .containsExactly("Choose a role", "Minister", "DH official", "Communications Division (DH digital team)", "Private office");
        assertThat(page.select("channel-type").getOptions().get(0).getText()).isEqualTo("Not stated: let the rule set classify it");
        assertThat(SESSION.browser().driver().findElements(By.name("content"))).hasSize(5);
        // The owner's details appear only once the channel has an owner.
        assertThat(page.field("owner-id").isDisplayed()).isFalse();
        page.select("owner-role").selectByValue("official");
        assertThat(page.field("owner-id").isDisplayed()).isTrue();
        assertThat(page.select("owner-capacity").getOptions()).extracting(WebElement::getText)
                .containsExactly("Not stated", "in an official capacity", "in a personal capacity");
    }

    @Test
    void explain_classifiesTheChannel_whenItsTypeIsNotStated() {
        page.select("actor-role").selectByValue("communications-division");
        page.select("action").selectByValue("post");
        page.clickContent("departmental").clickSubmit().waitForOutcome();

        assertThat(page.outcomeCode()).isEqualTo("PERMIT");
        assertThat(page.sectionText("facts")).contains("Channel type\nNot stated").contains("Corporate channel");
    }

    @Test
    void explain_showsWhatTheRequestSaysAsTextNeverAsMarkup() {
        String markup = "<img src=x id=injected><b>bold</b>";
        page.select("actor-role").selectByValue("official");
        page.type("actor-id", markup);
        page.select("action").selectByValue("post");
        page.clickContent("departmental").clickSubmit().waitForOutcome();

        assertThat(page.sectionText("facts")).contains("DH official (" + markup + ")");
        assertThat(SESSION.browser().driver().findElements(By.id("injected"))).isEmpty();
        assertThat(SESSION.browser().driver().findElements(By.cssSelector("#result b"))).isEmpty();
    }

    @Test
    void pages_runWithoutAScriptErrorOrAContentSecurityPolicyRefusal() {
        SESSION.browser().consoleSince(); // forget what earlier tests logged
        page.open();
        page.select("actor-role").selectByValue("official");
        page.select("action").selectByValue("analyse");
        page.clickContent("departmental").clickSubmit().waitForOutcome();
        SESSION.browser().driver().get(SESSION.baseUrl() + "/rules");
        page.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rule-list li")));

        List<LogEntry> severe = SESSION.browser().consoleSince().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).isEmpty();
        Object inline = ((JavascriptExecutor) SESSION.browser().driver()).executeScript(
                "return document.querySelectorAll('script:not([src]), style, [style]').length;");
        assertThat(((Number) inline).intValue()).isZero();
    }
}
