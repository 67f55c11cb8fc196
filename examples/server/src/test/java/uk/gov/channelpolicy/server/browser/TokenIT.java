package uk.gov.channelpolicy.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.gov.channelpolicy.server.ServerConfig;

/** A server that wants a bearer token: the page says so, asks for it, and keeps it for this tab only. */
class TokenIT {

    private static final String TOKEN = "playground-test-token-7f3a";

    @RegisterExtension
    static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).token(TOKEN).build());

    @Test
    void playground_asksForTheTokenAndKeepsItInSessionStorageOnly() {
        WebDriver driver = SESSION.browser().driver();
        driver.get(SESSION.baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-panel")));
        assertThat(driver.findElement(By.id("token-title")).getText()).isEqualTo("This service needs an access token");
        assertThat(driver.findElement(By.id("policy-form")).isDisplayed()).isFalse();

        driver.findElement(By.id("token")).sendKeys("not-the-token");
        driver.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-panel"), "did not accept that token"));

        driver.findElement(By.id("token")).sendKeys(TOKEN);
        driver.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policy-form")));
        assertThat(driver.findElement(By.id("token-panel")).isDisplayed()).isFalse();

        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return window.sessionStorage.getItem('channelPolicy.token');")).isEqualTo(TOKEN);
        assertThat(((Number) js.executeScript("return window.localStorage.length;")).intValue()).isZero();
        assertThat(((String) js.executeScript("return document.cookie;"))).isEmpty();

        // The rule catalogue in the same tab uses the same token without asking again.
        driver.get(SESSION.baseUrl() + "/rules");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rule-list li")));
        assertThat(driver.findElement(By.id("token-panel")).isDisplayed()).isFalse();
    }
}
