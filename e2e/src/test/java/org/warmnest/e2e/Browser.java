package org.warmnest.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.warmnest.keycloak.Totp;

/**
 * A real Chromium (Debian's {@code chromium} through {@code chromium-driver}, headless) for the console's tests:
 * signs in through Keycloak's own pages, waits for what a person would wait for, keeps a screenshot of each main
 * page under {@code target/screenshots/} and collects what the page wrote to the browser's console.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();
    private long lastOtpWindow = -1;

    Browser(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("WARMNEST_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox"); // Chromium refuses to run as root with its sandbox
        }
        // what a browser in China sends: Keycloak's pages then come in Chinese
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("WARMNEST_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        // the window's size includes its frame: make the page itself width × height, as on a screen of that size
        Number frame = (Number) ((JavascriptExecutor) driver).executeScript(
                "return window.outerHeight - window.innerHeight;");
        if (frame != null && frame.intValue() > 0) {
            driver.manage().window().setSize(new Dimension(width, height + frame.intValue()));
        }
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    private static String executable(String variable, String fallback) {
        String path = System.getenv().getOrDefault(variable, fallback);
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver "
                    + "(.ci/run does where it can), or name them in " + variable);
        }
        return path;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Signs in on Keycloak's page the console sent the browser to (and its one-time code page, where the realm
     * asks), then waits to be back at the console.
     */
    void signIn(String username, String password, String consoleUrl) throws InterruptedException {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-form-login")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        for (int i = 0; i < 3 && !driver.getCurrentUrl().startsWith(consoleUrl); i++) {
            wait.until(d -> d.getCurrentUrl().startsWith(consoleUrl) || !d.findElements(By.id("otp")).isEmpty());
            if (driver.getCurrentUrl().startsWith(consoleUrl)) {
                break;
            }
            long window = Instant.now().getEpochSecond() / Totp.PERIOD_SECONDS;
            if (window == lastOtpWindow) { // a code counts once: wait for the next one
                Thread.sleep((Totp.PERIOD_SECONDS - Instant.now().getEpochSecond() % Totp.PERIOD_SECONDS) * 1000
                        + 200);
            }
            lastOtpWindow = Instant.now().getEpochSecond() / Totp.PERIOD_SECONDS;
            WebElement otp = driver.findElement(By.id("otp"));
            otp.clear();
            otp.sendKeys(Totp.code(Totp.DEMO_SECRET, Instant.now()));
            driver.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(consoleUrl) || !d.findElements(By.id("otp")).isEmpty());
        }
        wait.until(d -> d.getCurrentUrl().startsWith(consoleUrl));
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits until the page has nothing loading any more (no spinner shown), then a moment for it to paint. */
    void settle() throws InterruptedException {
        wait.until(d -> d.findElements(By.cssSelector(".el-loading-mask, .is-loading")).stream()
                .noneMatch(WebElement::isDisplayed));
        Thread.sleep(300);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Keeps a PNG of what the browser shows now, as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** What the pages wrote to the browser's console at level SEVERE since the last call (errors, failed loads). */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
