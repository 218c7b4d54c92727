package org.csirtdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven through its {@code chromedriver}) on the application
 * under test. It reaches nothing outside the machine: no background networking, component updates, sync or
 * QUIC, and a fresh profile each time; Selenium's own driver download is never used, since the driver is named.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final URI base;
    private final Path profile;
    private final ChromeDriver driver;

    /** A browser for the application at {@code base} (e.g. {@code http://127.0.0.1:8080/}). */
    public Browser(URI base) {
        this.base = base;
        Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
        try {
            profile = Files.createTempDirectory("csirt-desk-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--window-size=1400,900",
                "--user-data-dir=" + profile);
        // The page's console, read by consoleErrors(): an uncaught error or a failed request shows there.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 900));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the application ({@code /desk/queues.html?queue=investigations}). */
    public Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** Signs in through the sign-in page and waits until it has moved on to the desk. */
    public Browser signIn(String name, String password) {
        return signIn(name, password, "/desk/queues.html");
    }

    /** Signs in through the sign-in page, asking to go on to {@code next}, and waits until it has. */
    public Browser signIn(String name, String password, String next) {
        open("/login.html?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        WebElement form = waitFor(By.id("signin"));
        form.findElement(By.name("name")).sendKeys(name);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> !d.getCurrentUrl().contains("/login.html"));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(Path.of("target", "screenshots", "sign-in-failed-" + name + ".png"));
            throw new AssertionError(
                    "the sign-in of " + name + " did not leave the sign-in page " + driver.getCurrentUrl()
                            + "; it says: "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
        return this;
    }

    /** The element, once it is on the page (within 20 s). */
    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** The element, once it is visible (within 20 s). */
    public WebElement waitForVisible(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the page shows the text somewhere in its body. */
    public void waitForText(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    public List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    /** Runs a script in the page; an async one's last argument is its callback. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** The toasts shown now, newest last: what the desk said about the last action. */
    public List<String> toasts() {
        return all(By.cssSelector("#toasts .toast")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The errors in the page's console since the last call (uncaught errors, failed requests), in words. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Shows the pages at this size of the viewport, as a phone ({@code mobile}: the page's viewport meta applies)
     * or a desktop's window would, until {@link #desktopViewport()}.
     */
    public void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Back to the window's own size. */
    public void desktopViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /** Saves the page as it is now as a PNG (for docs/screenshots). */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                Logger.getLogger(Browser.class.getName()).fine(() -> "profile left at " + profile + ": " + e);
            }
        }
    }
}
