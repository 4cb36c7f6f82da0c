package org.imshss.hss.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (packages {@code chromium} and
 * {@code chromium-driver}), found on the PATH: nothing is downloaded. Every wait is a condition with a generous
 * deadline, never a fixed pause, so a busy machine only makes it slower.
 */
final class Chromium implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, PATIENCE);
        this.wait.withMessage(this::shown).ignoring(StaleElementReferenceException.class);
    }

    /** What the page says when a wait fails: its status line, its form error and where it is. */
    private String shown() {
        try {
            return "the page at " + driver.getCurrentUrl() + " shows status '" + driver.findElement(By.id("status"))
                    .getText() + "', form error '" + driver.findElement(By.id("editor-error")).getText() + "'";
        } catch (RuntimeException e) {
            return "the page cannot be read: " + e.getMessage();
        }
    }

    /** The browser and its driver on the PATH, or empty when either is not installed. */
    static Optional<Path[]> installed() {
        Optional<Path> browser = onPath("chromium");
        Optional<Path> chromedriver = onPath("chromedriver");
        return browser.isPresent() && chromedriver.isPresent()
                ? Optional.of(new Path[] {browser.get(), chromedriver.get()}) : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst();
    }

    static Chromium start(Path[] binaries) {
        ChromeOptions options = new ChromeOptions().setBinary(binaries[0].toFile())
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries[1].toFile()).usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement find(String css) {
        return until(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element : null;
        });
    }

    /** Waits until the element's text contains {@code expected}, and returns that text. */
    String textOf(String css, String expected) {
        return until(d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(expected) ? text : null;
        });
    }

    /** Clicks the element once it is shown, again if the page replaced it meanwhile (a list refreshed). */
    void click(String css) {
        until(d -> {
            try {
                WebElement element = d.findElement(By.cssSelector(css));
                if (!element.isDisplayed()) {
                    return null;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return null;
            }
        });
    }

    void type(String css, String text) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Writes what the browser shows to a PNG (the documentation's screenshots come from these). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
