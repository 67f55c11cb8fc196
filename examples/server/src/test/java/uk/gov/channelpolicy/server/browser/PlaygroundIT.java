package uk.gov.channelpolicy.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.server.ServerConfig;

/**
 * The playground page in a real browser against the real server: a policy officer fills the form, by keyboard or by
 * mouse, and reads the answer in words, the rules that made it, the guidance they quote, and (collapsed) what would
 * change it; on a desktop window and on a phone-sized one.
 */
class PlaygroundIT {

    @RegisterExtension
    static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private PlaygroundPage page;

    @BeforeEach
    void openPage() {
        page = new PlaygroundPage(SESSION.browser().driver(), SESSION.baseUrl()).open();
    }

    /** How tall the answer and its reasons are, and how tall the window is, in CSS pixels. */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> answerAndWindowHeights() {
        return (Map<String, Number>) ((JavascriptExecutor) SESSION.browser().driver()).executeScript("""
                var top = document.getElementById('outcome').getBoundingClientRect().top;
                var bottom = document.getElementById('reasons').getBoundingClientRect().bottom;
                return {answer: bottom - top, window: window.innerHeight,
                        scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth};""");
    }

    private static void assertAnswerAndReasonsFitOnOneScreen() {
        Map<String, Number> heights = answerAndWindowHeights();
        assertThat(heights.get("answer").doubleValue()).as("the answer and its reasons, in pixels, against the window %s", heights)
                .isLessThanOrEqualTo(heights.get("window").doubleValue());
        assertThat(heights.get("scrollWidth").intValue()).as("no sideways scrolling").isLessThanOrEqualTo(heights.get("width").intValue());
    }

    private PlaygroundPage officialDraftsPartyPoliticalForAMinister() {
        page.select("actor-role").selectByValue("official");
        page.select("action").selectByValue("draft");
        page.chooseOwner("other");
        page.select("owner-role").selectByValue("minister");
        page.select("channel-type").selectByValue("personal");
        return page.clickContent("party-political");
    }

    @Test
    void explain_showsDenyInWordsFirst_withTheRuleItsQuote_andTheOneChangeThatWouldPermitItCollapsed() {
        // Entirely by keyboard: type into each select, space to choose and tick, Enter to send.
        page.typeIntoSelect("actor-role", "DH o").typeIntoSelect("action", "draft");
        page.field("owner-other").sendKeys(Keys.SPACE);
        page.typeIntoSelect("owner-role", "DH minister").typeIntoSelect("channel-type", "Personal").tickContentByKeyboard("party-political");
        assertThat(page.field("actor-role").getAttribute("value")).isEqualTo("official");
        assertThat(page.field("owner-role").getAttribute("value")).isEqualTo("minister");

        page.submitByKeyboard().waitForOutcome();

        assertThat(page.verdict()).isEqualTo("No, not allowed");
        assertThat(page.outcomeCode()).isEqualTo("DENY");
        assertThat(page.cards("reasons")).extracting(card -> card.findElement(By.className("rule-id")).getText())
                .containsExactly("dh.ministers.no-official-help-with-party-political", "dh.partisan.no-civil-service-resources-for-party-politics");
        WebElement reason = page.cards("reasons").get(0);
        assertThat(reason.findElement(By.tagName("blockquote")).getText())
                .isEqualTo("DH officials cannot assist in the use of the channel for personal or party political content.");
        assertThat(reason.findElement(By.tagName("figcaption")).getText()).isEqualTo("Guidance: DH ministers on Twitter, dh-twitter-guidance");
        assertAnswerAndReasonsFitOnOneScreen();

        // What would change it is short and collapsed until asked for.
        assertThat(page.field("alternatives").getAttribute("open")).isNull();
        assertThat(page.field("alternatives-title").getText()).isEqualTo("What would change the answer (1)");
        List<WebElement> alternatives = page.alternatives();
        assertThat(alternatives).extracting(WebElement::getText).containsExactly(
                "Ask the channel's owner (a DH minister), whose work it is\nYes, allowed (PERMIT) by dh.ministers.minister-uses-own-personal-channel");

        SESSION.browser().screenshot("playground-deny.png", "result");
    }

    @Test
    void authzen_showsTheFormsRequestInAuthzensShape_andTheServicesAnswerAsSent() throws Exception {
        page.select("actor-role").selectByValue("communications-division");
        page.select("action").selectByValue("draft");
        page.chooseOwner("other");
        page.select("owner-role").selectByValue("minister");
        page.clickContent("party-political");
        page.field("authzen-details").findElement(By.tagName("summary")).click();

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(page.field("authzen-json").getAttribute("value"))).isEqualTo(mapper.readTree("""
                {"subject":{"type":"user","id":"person-acting","properties":{"role":"communications-division"}},
                 "action":{"name":"draft","properties":{"content":["party-political"]}},
                 "resource":{"type":"channel","id":"","properties":{"owner":{"role":"minister","id":"channel-owner"}}}}"""));

        page.field("submit-authzen").click();
        page.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("authzen-body")));

        assertThat(page.field("authzen-status").getText()).isEqualTo("HTTP 200");
        com.fasterxml.jackson.databind.JsonNode answer = mapper.readTree(page.field("authzen-body").getText());
        assertThat(answer.path("decision").booleanValue()).isFalse();
        assertThat(answer.path("context").path("reasons").findValuesAsText("rule"))
                .contains("dh.ministers.no-official-help-with-party-political");

        page.type("authzen-json", "{\"subject\":{}}");
        page.field("submit-authzen").click();
        page.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("authzen-status"), "HTTP 400"));
        assertThat(page.field("authzen-body").getText()).contains("$.subject.type: is required");
    }

    @Test
    void explain_showsPermitWithWhatMustBeDone_andAdviceUnderMore_whenAMinisterPostsPoliticalOnTheirOwnChannel() {
        page.select("actor-role").selectByValue("minister");
        page.select("action").selectByValue("post");
        page.chooseOwner("own");
        page.select("channel-type").selectByValue("personal");
        page.clickContent("political").clickSubmit().waitForOutcome();

        assertThat(page.verdict()).isEqualTo("Yes, allowed");
        assertThat(page.outcomeCode()).isEqualTo("PERMIT");
        assertThat(page.cards("reasons")).extracting(card -> card.findElement(By.className("rule-id")).getText())
                .containsExactly("dh.ministers.minister-uses-own-personal-channel");
        assertThat(page.cards("obligations")).extracting(card -> card.findElement(By.className("rule-id")).getText())
                .containsExactly("dh.ministers.treat-as-live-public-media");
        assertThat(page.alternatives()).extracting(WebElement::getText).containsExactly(
                "Promote instead of post a tweet\nNo: no rule allows this (NOT_APPLICABLE)",
                "Use a corporate channel instead of their own personal channel\nNo, not allowed (DENY) by dh.ministers.use-a-personal-channel");
        page.expand("more");
        assertThat(page.cards("advice")).extracting(card -> card.findElement(By.className("rule-id")).getText())
                .containsExactly("dh.advice.digital-team-can-support-political-use", "dh.principles.be-responsible");
        assertThat(page.sectionText("facts")).contains("Whose channel\nTheir own").contains("Ministerial Code").doesNotContain("Civil Service Code")
                .contains("dh 2.0.0"); // dh 2.0.0: a minister on their own personal channel is under the Ministerial Code only

        SESSION.browser().screenshot("playground-permit.png", "result");
    }

    @Test
    void explain_saysWhoseWorkANotApplicableRequestIs_andTheRulesThatCameClosest() {
        page.select("actor-role").selectByValue("official");
        page.select("action").selectByValue("analyse");
        page.clickContent("departmental").clickSubmit().waitForOutcome();

        assertThat(page.verdict()).isEqualTo("No: no rule allows this");
        assertThat(page.outcomeCode()).isEqualTo("NOT_APPLICABLE");
        assertThat(page.field("whose-work").getText()).isEqualTo("It is the work of Communications Division (DH digital team):");
        assertThat(page.cards("reasons").get(0).findElement(By.tagName("blockquote")).getText()).isEqualTo("provide analysis of reach and impact");
        List<WebElement> closest = page.field("closest").findElements(By.cssSelector(":scope > li"));
        // Only the rule that would permit it: rules that would forbid it with other content are no reason this request lacks.
        assertThat(closest).extracting(card -> card.findElement(By.className("card__head")).getText()).containsExactly(
                "PERMIT dh.roles.communications-may-analyse would permit it, but it applies when the person acting is the "
                        + "Communications Division.");
        // Each closest rule's guidance is one click away, quoted verbatim.
        closest.get(0).findElement(By.tagName("summary")).click();
        assertThat(closest.get(0).findElement(By.tagName("blockquote")).getText()).isEqualTo("provide analysis of reach and impact");
        closest.get(0).findElement(By.tagName("summary")).click();
        assertAnswerAndReasonsFitOnOneScreen();
        assertThat(page.alternatives()).extracting(WebElement::getText).containsExactly(
                "Ask the Communications Division, whose work it is\nYes, allowed (PERMIT) by dh.roles.communications-may-analyse");

        SESSION.browser().screenshot("playground-not-applicable.png", "result");
    }

    @Test
    void explain_fitsAPhone_withTheAnswerAndItsReasonsOnOneScreenAndNoSidewaysScrolling() {
        Dimension desktop = SESSION.browser().driver().manage().window().getSize();
        try {
            SESSION.browser().driver().manage().window().setSize(new Dimension(390, 844));
            page.open();
            officialDraftsPartyPoliticalForAMinister().clickSubmit().waitForOutcome();

            assertThat(page.verdict()).isEqualTo("No, not allowed");
            assertAnswerAndReasonsFitOnOneScreen();
            assertThat(page.alternatives()).hasSize(1);

            SESSION.browser().screenshot("playground-phone.png", "result");

            // A NOT_APPLICABLE, with whose work it is and the closest rule, fits the phone too.
            page.open();
            page.select("actor-role").selectByValue("official");
            page.select("action").selectByValue("analyse");
            page.clickContent("departmental").clickSubmit().waitForOutcome();
            assertThat(page.outcomeCode()).isEqualTo("NOT_APPLICABLE");
            assertThat(page.field("whose-work").getText()).isEqualTo("It is the work of Communications Division (DH digital team):");
            assertAnswerAndReasonsFitOnOneScreen();
        } finally {
            SESSION.browser().driver().manage().window().setSize(desktop);
        }
    }

    @Test
    void ownChannel_isAChoice_thatGivesTheActorAndTheOwnerOneId() throws Exception {
        page.select("actor-role").selectByValue("official");
        page.chooseOwner("own");
        page.select("owner-capacity").selectByValue("official");

        JsonNode request = JSON.readTree(page.field("request-json").getAttribute("value"));
        assertThat(request.path("actor").path("id").asText()).isEqualTo("person-acting");
        assertThat(request.path("channel").path("owner").path("id").asText()).isEqualTo("person-acting");
        assertThat(request.path("channel").path("owner").path("role").asText()).isEqualTo("official");
        assertThat(request.path("channel").path("owner").path("capacity").asText()).isEqualTo("official");

        page.chooseOwner("other");
        page.select("owner-role").selectByValue("minister");
        request = JSON.readTree(page.field("request-json").getAttribute("value"));
        assertThat(request.path("channel").path("owner").path("id").asText()).isEqualTo("channel-owner");
        assertThat(request.path("channel").path("owner").path("role").asText()).isEqualTo("minister");

        page.chooseOwner("none");
        request = JSON.readTree(page.field("request-json").getAttribute("value"));
        assertThat(request.path("channel").has("owner")).isFalse();
    }

    @Test
    void whoseTweet_isAskedOnlyForPromotingOrSharing_andAMinistersTweetBringsTheMinisterialCode() throws Exception {
        page.select("actor-role").selectByValue("communications-division");
        page.select("action").selectByValue("post");
        assertThat(page.field("source-fieldset").isDisplayed()).as("posting amplifies no one's tweet").isFalse();

        page.select("action").selectByValue("promote");
        assertThat(page.field("source-fieldset").isDisplayed()).isTrue();
        assertThat(JSON.readTree(page.field("request-json").getAttribute("value")).has("source")).as("not stated yet").isFalse();
        page.chooseSource("other");
        page.select("source-role").selectByValue("minister");
        JsonNode request = JSON.readTree(page.field("request-json").getAttribute("value"));
        assertThat(request.path("source").path("owner").path("role").asText()).isEqualTo("minister");
        assertThat(request.path("source").path("owner").path("id").asText()).isEqualTo("tweet-author");
        assertThat(JSON.readTree(page.field("authzen-json").getAttribute("value")).path("resource").path("properties").path("source"))
                .isEqualTo(request.path("source"));

        page.clickContent("political").clickSubmit().waitForOutcome();
        assertThat(page.outcomeCode()).isEqualTo("PERMIT");
        assertThat(page.cards("reasons")).extracting(card -> card.findElement(By.className("rule-id")).getText())
                .contains("dh.sources.digital-team-promotes-ministers-non-party-political-tweet");
        page.expand("more");
        assertThat(page.sectionText("facts")).contains("Whose tweet\nDH minister").contains("Ministerial Code");

        page.chooseSource("own");
        assertThat(JSON.readTree(page.field("request-json").getAttribute("value")).path("source").path("owner").path("id").asText())
                .isEqualTo("person-acting");
        page.chooseSource("organisation");
        assertThat(JSON.readTree(page.field("request-json").getAttribute("value")).path("source").toString()).isEqualTo("{}");
        page.select("action").selectByValue("draft");
        assertThat(page.field("source-fieldset").isDisplayed()).isFalse();
        assertThat(JSON.readTree(page.field("request-json").getAttribute("value")).has("source"))
                .as("a source is sent only with an action that takes one").isFalse();
    }

    @Test
    void submit_listsEveryMissingAnswerInAnErrorSummaryAndSendsNothing() {
        page.select("action").selectByValue("post");
        page.chooseOwner("other");
        page.clickSubmit().waitForErrorSummary();

        assertThat(page.errorSummaryItems())
                .containsExactly("Choose the role of the person acting", "Choose whose channel it is", "Select at least one kind of content");
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
    void form_isBuiltFromTheServedVocabulary_withEachContentCategoryDefined() {
        RuleSetIdentity identity = SESSION.server().policy().ruleSet().identity();
        assertThat(page.field("rule-set").getText()).contains("Rule set " + identity.id() + " version " + identity.version());
        assertThat(page.select("actor-role").getOptions()).extracting(WebElement::getText)
                .containsExactly("Choose a role", "DH minister", "DH official", "Communications Division (DH digital team)", "Private office",
                        "Minister of another government department (outside DH)", "Official of another government department (outside DH)",
                        "Someone outside government, e.g. a journalist or a clinician (outside DH)");
        assertThat(page.select("channel-type").getOptions().get(0).getText()).isEqualTo("Not stated: let the rule set work it out");
        assertThat(SESSION.browser().driver().findElements(By.name("content"))).hasSize(5);
        assertThat(SESSION.browser().driver().findElements(By.cssSelector(".checkboxes__hint"))).extracting(WebElement::getText)
                .containsExactly(
                        "About the work of the Department of Health: announcements, policy and services, said for or about the Department.",
                        "About the person themselves rather than their work: their own views, interests and life outside the Department.",
                        "About politics and policy debate without taking a party's side: the guidance's \"non-party political use\".",
                        "Supports or opposes a political party or its campaigns: partisan content, which civil-service resources never serve.",
                        "Invites people to volunteer for a clinical trial or research study.");
        assertThat(page.field("content-3").getAttribute("aria-describedby")).isEqualTo("content-3-hint");
        // Whose channel is a choice; the owner's role and the capacity appear only when they mean something.
        assertThat(page.field("owner-none").isSelected()).isTrue();
        assertThat(page.field("owner-role").isDisplayed()).isFalse();
        assertThat(page.field("owner-capacity").isDisplayed()).isFalse();
        page.chooseOwner("own");
        assertThat(page.field("owner-role").isDisplayed()).isFalse();
        assertThat(page.field("owner-capacity").isDisplayed()).isTrue();
        page.chooseOwner("other");
        assertThat(page.field("owner-role").isDisplayed()).isTrue();
        assertThat(page.select("owner-capacity").getOptions()).extracting(WebElement::getText)
                .containsExactly("Not stated", "in an official capacity", "in a personal capacity");
    }

    @Test
    void explain_classifiesTheChannel_whenItsTypeIsNotStated() {
        page.select("actor-role").selectByValue("communications-division");
        page.select("action").selectByValue("post");
        page.clickContent("departmental").clickSubmit().waitForOutcome();

        assertThat(page.outcomeCode()).isEqualTo("PERMIT");
        page.expand("more");
        assertThat(page.sectionText("facts")).contains("Channel type\nNot stated").contains("Classified as\nCorporate channel");
    }

    @Test
    void explain_showsWhatTheRequestSaysAsTextNeverAsMarkup() {
        String markup = "<img src=x id=injected><b>bold</b>";
        page.field("json-details").findElement(By.tagName("summary")).click();
        WebElement json = page.field("request-json");
        json.clear();
        json.sendKeys("{\"actor\": {\"role\": \"official\", \"id\": \"" + markup + "\"}, \"action\": \"post\", \"channel\": {}, "
                + "\"content\": [\"departmental\"]}");
        page.field("submit-json").click();
        page.waitForOutcome();

        page.expand("more");
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
