package uk.gov.channelpolicy.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.gov.channelpolicy.server.ServerConfig;

/** The rule catalogue page in a real browser: every rule beside the guidance it quotes, filtered by text and area. */
class RuleCatalogueIT {

    @RegisterExtension
    static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).build());
    private static JsonNode rules;
    private WebDriver driver;

    @BeforeAll
    static void fetchTheRules() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SESSION.baseUrl() + "/v1/rules")).build(), HttpResponse.BodyHandlers.ofString());
        rules = new ObjectMapper().readTree(response.body()).get("rules");
    }

    @BeforeEach
    void openPage() {
        driver = SESSION.browser().driver();
        driver.get(SESSION.baseUrl() + "/rules");
        new WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rule-list li")));
    }

    private List<WebElement> shownRules() {
        return driver.findElements(By.cssSelector("#rule-list > li")).stream().filter(WebElement::isDisplayed).toList();
    }

    private String count() {
        return driver.findElement(By.id("rule-count")).getText();
    }

    @Test
    void catalogue_listsEveryRuleWithItsQuoteSectionAndWhereItIsWritten() {
        assertThat(rules.size()).isGreaterThan(10);
        List<WebElement> items = shownRules();
        assertThat(items).hasSize(rules.size());
        assertThat(count()).isEqualTo("Showing all " + rules.size() + " rules");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            WebElement item = items.get(i);
            assertThat(item.getAttribute("data-rule-id")).isEqualTo(rule.get("id").asText());
            assertThat(item.findElement(By.tagName("h2")).getText()).isEqualTo(rule.get("id").asText());
            assertThat(item.findElement(By.tagName("blockquote")).getText()).contains(rule.at("/citation/quote").asText());
            assertThat(item.findElement(By.tagName("figcaption")).getText()).contains(rule.at("/citation/section").asText());
            assertThat(item.findElement(By.className("rule__description")).getText()).isEqualTo(rule.get("description").asText());
            assertThat(item.findElement(By.className("rule__area")).getText()).isEqualTo(rule.get("area").asText());
            assertThat(item.findElement(By.className("rule__file")).getText())
                    .isEqualTo(rule.get("file").asText() + ":" + rule.get("line").asInt());
            if (rule.hasNonNull("reading")) {
                assertThat(item.findElement(By.className("rule__reading")).getText()).contains(rule.get("reading").asText());
            } else {
                assertThat(item.findElements(By.className("rule__reading"))).isEmpty();
            }
        }
    }

    @Test
    void textFilter_keepsOnlyRulesWhoseIdQuoteOrDescriptionMatch() {
        WebElement filter = driver.findElement(By.id("filter-text"));
        filter.sendKeys("cannot assist");
        List<WebElement> shown = shownRules();
        assertThat(shown).isNotEmpty().hasSizeLessThan(rules.size());
        assertThat(shown).extracting(item -> item.getAttribute("data-rule-id"))
                .contains("dh.ministers.no-official-help-with-party-political");
        assertThat(shown).allSatisfy(item -> assertThat(item.getText().toLowerCase()).contains("cannot assist"));
        assertThat(count()).isEqualTo("Showing " + shown.size() + " of " + rules.size() + " rules");

        filter.clear();
        filter.sendKeys("dh.roles.");
        assertThat(shownRules()).isNotEmpty()
                // A rule whose own text names a dh.roles. rule (advice that points to it) matches too.
                .allSatisfy(item -> assertThat(item.getAttribute("data-rule-id").startsWith("dh.roles.")
                        || item.getText().contains("dh.roles.")).as(item.getAttribute("data-rule-id")).isTrue());

        filter.clear();
        filter.sendKeys("xylophone quartet"); // no rule's text has both words
        assertThat(shownRules()).isEmpty();
        assertThat(count()).isEqualTo("Showing 0 of " + rules.size() + " rules");
    }

    @Test
    void areaFilter_offersEveryAreaOnceAndKeepsOnlyThatArea() {
        Select area = new Select(driver.findElement(By.id("filter-area")));
        List<String> areas = new ArrayList<>();
        rules.forEach(rule -> {
            if (!areas.contains(rule.get("area").asText())) {
                areas.add(rule.get("area").asText());
            }
        });
        areas.sort(null);
        assertThat(area.getOptions()).extracting(WebElement::getText).first().isEqualTo("All areas");
        assertThat(area.getOptions().subList(1, area.getOptions().size())).extracting(option -> option.getAttribute("value"))
                .containsExactlyElementsOf(areas);

        area.selectByValue("ministers");
        long ministers = 0;
        for (JsonNode rule : rules) {
            if (rule.get("area").asText().equals("ministers")) {
                ministers++;
            }
        }
        assertThat(shownRules()).hasSize((int) ministers)
                .allSatisfy(item -> assertThat(item.findElement(By.className("rule__area")).getText()).isEqualTo("ministers"));

        driver.findElement(By.id("filter-text")).sendKeys("party political");
        assertThat(shownRules()).isNotEmpty().hasSizeLessThan((int) ministers);
        SESSION.browser().screenshot("playground-rules.png");
    }
}
