package uk.gov.channelpolicy.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.gov.channelpolicy.server.ServerConfig;

/**
 * The basics a screen-reader or keyboard user needs: every control labelled, every group of controls named,
 * the answer in a live region, and the keyboard reaching everything in order.
 */
class AccessibilityIT {

    @RegisterExtension
    static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).build());

    /** Each form control's id, with the text of its label (or aria-label), or "" when it has none. */
    private static final String LABELS = """
            return Array.from(document.querySelectorAll('input, select, textarea')).map(function (control) {
              var label = control.labels && control.labels.length ? control.labels[0].textContent.trim()
                : (control.getAttribute('aria-label') || '');
              return control.id + '=' + label;
            });""";

    private WebDriver open(String path, String readyCss) {
        WebDriver driver = SESSION.browser().driver();
        driver.get(SESSION.baseUrl() + path);
        new WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(readyCss)));
        return driver;
    }

    @SuppressWarnings("unchecked")
    private static List<String> labels(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(LABELS);
    }

    @Test
    void playground_labelsEveryControlAndNamesEveryGroup() {
        WebDriver driver = open("/", "#policy-form");
        List<String> labels = labels(driver);
        assertThat(labels).hasSizeGreaterThan(10).allSatisfy(entry -> assertThat(entry).doesNotEndWith("="));
        for (WebElement fieldset : driver.findElements(By.tagName("fieldset"))) {
            // By its text content: a group the page hides until it applies (whose tweet, for promote and share) is still named.
            assertThat(fieldset.findElement(By.tagName("legend")).getDomProperty("textContent")).isNotBlank();
        }
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(driver.getTitle()).isNotBlank();
    }

    @Test
    void playground_announcesTheAnswerInALiveRegionThatIsThereBeforeTheAnswer() {
        WebDriver driver = open("/", "#policy-form");
        WebElement result = driver.findElement(By.id("result"));
        assertThat(result.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(driver.findElement(By.id("error-summary")).getAttribute("role")).isEqualTo("alert");

        PlaygroundPage page = new PlaygroundPage(driver, SESSION.baseUrl());
        page.select("actor-role").selectByValue("official");
        page.select("action").selectByValue("post");
        page.clickContent("departmental").clickSubmit().waitForOutcome();
        assertThat(driver.findElement(By.id("result")).findElement(By.id("outcome")).isDisplayed()).isTrue();
    }

    @Test
    void playground_tabOrderFollowsTheFormAndReachesSubmit() {
        WebDriver driver = open("/", "#policy-form");
        driver.findElement(By.id("owner-other")).click(); // shows whose channel and its capacity, which join the order
        // Start where a keyboard user starts: on the first focusable element, the skip link.
        ((JavascriptExecutor) driver).executeScript("document.querySelector('.skip-link').focus();");
        List<String> order = new ArrayList<>();
        order.add(driver.switchTo().activeElement().getAttribute("class"));
        Actions keys = new Actions(driver);
        for (int i = 0; i < 40 && !order.contains("submit"); i++) {
            keys.sendKeys(Keys.TAB).perform();
            WebElement active = driver.switchTo().activeElement();
            String id = active.getAttribute("id");
            order.add(id == null || id.isEmpty() ? active.getTagName() : id);
        }
        assertThat(order).contains("submit");
        // Radios are one tab stop: the checked one.
        assertThat(order).containsSubsequence("actor-role", "action", "owner-other", "owner-role", "owner-capacity", "channel-type",
                "content-0", "content-4", "submit");
        assertThat(order.get(0)).isEqualTo("skip-link");
    }

    @Test
    void playground_errorSummaryTakesFocusAndMarksTheFieldsInError() {
        WebDriver driver = open("/", "#policy-form");
        driver.findElement(By.id("submit")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertThat(driver.findElement(By.id("actor-role")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("actor-role")).getAttribute("aria-describedby")).contains("actor-role-error");
        assertThat(driver.findElement(By.id("content-fieldset")).getAttribute("aria-describedby")).contains("content-error");
    }

    @Test
    void catalogue_labelsEveryControlAndAnnouncesHowManyRulesAreShown() {
        WebDriver driver = open("/rules", "#rule-list li");
        assertThat(labels(driver)).containsExactly("token=Access token", "filter-text=Search rules", "filter-area=Area");
        assertThat(driver.findElement(By.id("rule-count")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    }
}
