package uk.gov.channelpolicy.server.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.gov.channelpolicy.server.DecisionServer;

/** The playground page as a person uses it: fields found by their labels' targets, answers read from the page. */
final class PlaygroundPage {

    private final WebDriver driver;
    private final String baseUrl;

    /**
     * The server's address without the trailing slash {@link DecisionServer#url()} ends with, so paths can be appended.
     */
    static String baseUrl(DecisionServer server) {
        String url = server.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    PlaygroundPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens the page and waits until the form has been built from the served vocabulary. */
    PlaygroundPage open() {
        driver.get(baseUrl + "/");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("policy-form")));
        return this;
    }

    WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    Select select(String id) {
        return new Select(field(id));
    }

    /** Chooses an option by typing its label's start into the focused select, as a keyboard user would. */
    PlaygroundPage typeIntoSelect(String id, String labelStart) {
        WebElement select = field(id);
        select.sendKeys(labelStart);
        return this;
    }

    /** Ticks a content checkbox by its value, with the space bar. */
    PlaygroundPage tickContentByKeyboard(String value) {
        WebElement box = driver.findElement(By.cssSelector("input[name='content'][value='" + value + "']"));
        box.sendKeys(Keys.SPACE);
        return this;
    }

    PlaygroundPage clickContent(String value) {
        driver.findElement(By.cssSelector("input[name='content'][value='" + value + "']")).click();
        return this;
    }

    PlaygroundPage type(String id, String text) {
        WebElement input = field(id);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Presses Enter on the submit button and waits for the answer. */
    PlaygroundPage submitByKeyboard() {
        field("submit").sendKeys(Keys.ENTER);
        return this;
    }

    PlaygroundPage clickSubmit() {
        field("submit").click();
        return this;
    }

    PlaygroundPage waitForOutcome() {
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
        return this;
    }

    PlaygroundPage waitForErrorSummary() {
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        return this;
    }

    String outcomeCode() {
        return field("outcome-code").getText();
    }

    String verdict() {
        return field("outcome-verdict").getText();
    }

    /** The text of a section of the answer ({@code reasons}, {@code obligations}, {@code advice}, ...). */
    String sectionText(String id) {
        return field(id).getText();
    }

    List<WebElement> cards(String sectionId) {
        return driver.findElements(By.cssSelector("#" + sectionId + " .card"));
    }

    /** Chooses whose channel it is: {@code own}, {@code other} or {@code none}. */
    PlaygroundPage chooseOwner(String choice) {
        field("owner-" + choice).click();
        return this;
    }

    PlaygroundPage chooseSource(String choice) {
        field("source-" + choice).click();
        return this;
    }

    /** Opens a collapsed part of the answer ({@code alternatives} or {@code more}) and returns it. */
    WebElement expand(String detailsId) {
        WebElement details = field(detailsId);
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return details;
    }

    /** The items of "What would change the answer", opening it first. */
    List<WebElement> alternatives() {
        expand("alternatives");
        return driver.findElements(By.cssSelector("#alternative-list > li"));
    }

    List<String> errorSummaryItems() {
        return driver.findElements(By.cssSelector("#error-summary-list li")).stream().map(WebElement::getText).toList();
    }

    String activeElementId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }
}
