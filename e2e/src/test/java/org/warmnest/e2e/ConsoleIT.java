package org.warmnest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.warmnest.launcher.Stack;

/**
 * The console in a real Chromium against the whole product (Keycloak, the services, the gateway serving the built
 * console): people sign in on Keycloak's own pages and work in the console as they would. A screenshot of every
 * main page is kept under {@code target/screenshots/} for review.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String CITY = "530400"; // 玉溪市
    static final String HONGTA = "530402"; // 红塔区

    Stack stack;
    Tokens tokens;
    String gateway;

    @BeforeAll
    void start() throws Exception {
        stack = Stack.start(Path.of("target", "console-stack"), Map.of());
        gateway = stack.gatewayUrl();
        tokens = new Tokens(stack.keycloak(), stack.adminPassword());
        // The city and a district, through the API until the console's onboarding page plays this part.
        onboard(tokens.of("platform-admin"), CITY, "玉溪市");
        onboard(tokens.of("yuxi-bureau-admin"), HONGTA, "红塔区");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aBureauSignsInOnKeycloaksPageAndLandsOnItsWorkbench() throws Exception {
        try (Browser browser = new Browser(1366, 768)) {
            long started = System.nanoTime();
            browser.open(gateway + "/");
            // not signed in: the console sends the browser to Keycloak's page, in Chinese
            browser.await(By.id("kc-form-login"));
            assertThat(browser.driver().getPageSource()).contains("lang=\"zh-CN\"");
            browser.screenshot("00-sign-in");
            browser.signIn("yuxi-bureau-admin", Tokens.PASSWORD, gateway);
            browser.await(By.cssSelector("[data-test=identity]"));
            browser.awaitText(By.cssSelector("[data-test=identity]"), CITY);
            String identity = browser.driver().findElement(By.cssSelector("[data-test=identity]")).getText();
            // who, in which role, for which tenant: always in view
            assertThat(identity).contains("民政局管理员").contains(CITY);
            System.out.printf("Console: signed in and on the workbench in %d ms (Keycloak's page included)%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            browser.screenshot("01-workbench-bureau-1366x768");
            // the page holds no token: not in its cookies, not in its storage
            assertThat((String) browser.script("return document.cookie")).doesNotContain("WARMNEST_SESSION")
                    .doesNotContain("eyJ");
            assertThat((String) browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                    .doesNotContain("eyJ");
            assertThat(browser.consoleErrors()).isEmpty();

            // a second load, signed in: the console's own first load, as a person opening it again would see it
            browser.open(gateway + "/");
            browser.await(By.cssSelector("[data-test=identity]"));
            Number load = (Number) browser.script("const n = performance.getEntriesByType('navigation')[0];"
                    + " return n.loadEventEnd - n.startTime;");
            System.out.printf("Console: first load (navigation to load event) %d ms%n", load.longValue());
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void theWorkbenchIsRightAtFullHd() throws Exception {
        try (Browser browser = new Browser(1920, 1080)) {
            browser.open(gateway + "/");
            browser.signIn("yuxi-bureau-admin", Tokens.PASSWORD, gateway);
            browser.await(By.cssSelector("[data-test=identity]"));
            browser.screenshot("02-workbench-bureau-1920x1080");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /**
     * The city's bureau registers its contractor in the console: the credit code is checked as it is typed (a wrong
     * check character is named before anything is sent), and the registered contractor is in the list.
     */
    @Test
    @Order(3)
    void theBureauRegistersItsContractorByCreditCodeInTheConsole() throws Exception {
        try (Browser browser = new Browser(1366, 768)) {
            browser.open(gateway + "/bureau/contractors");
            browser.signIn("yuxi-bureau-admin", Tokens.PASSWORD, gateway);
            browser.await(By.cssSelector("[data-test=register]")).click();
            org.openqa.selenium.WebElement uscc = browser.await(By.cssSelector("[data-field=uscc] input"));
            uscc.sendKeys("53530400MJ4821657A"); // the right check character is Q
            browser.awaitText(By.cssSelector("[data-field=uscc]"), "Q");
            browser.screenshot("03-contractor-uscc-wrong-check-character");
            uscc.sendKeys(org.openqa.selenium.Keys.BACK_SPACE, "Q");
            browser.driver().findElement(By.cssSelector("[data-field=name] input")).sendKeys("玉溪市暖阳社会工作服务中心");
            browser.driver().findElement(By.cssSelector("[data-field=legalRepresentative] input")).sendKeys("杨晓云");
            browser.driver().findElement(By.xpath("//button[contains(., '添加联系人')]")).click();
            browser.await(By.cssSelector("[data-field='contacts[0].name'] input")).sendKeys("杨晓云");
            browser.driver().findElement(By.cssSelector("[data-field='contacts[0].phone'] input"))
                    .sendKeys("13908770001");
            browser.driver().findElement(By.cssSelector("[data-test=submit]")).click();
            browser.awaitText(By.cssSelector(".el-table"), "53530400MJ4821657Q");
            browser.settle();
            browser.screenshot("04-contractor-registered");
            assertThat(browser.consoleErrors()).isEmpty();
        }
        // what the console registered is what the service keeps
        Http.Response registry = Http.get(gateway + "/api/tenants/v1/contractors?uscc=53530400MJ4821657Q",
                tokens.of("yuxi-bureau-admin"));
        assertThat(registry.body()).contains("玉溪市暖阳社会工作服务中心");
    }

    /** Every page of each desk's menu opens, settles without an error in the browser's console, and is kept. */
    @Test
    @Order(4)
    void everyMainPageOpensWithoutAnErrorAndIsKeptAsAScreenshot() throws Exception {
        Map<String, List<String>> desks = new java.util.LinkedHashMap<>();
        desks.put("yuxi-bureau-admin", List.of("/care/elders", "/care/visits", "/care/alerts", "/care/assessments/due",
                "/care/elders/import", "/tenants/districts", "/bureau/areas", "/bureau/contractors",
                "/bureau/programs", "/bureau/engagements", "/bureau/users"));
        desks.put("yuxi-finance-officer", List.of("/billing/claims", "/billing/execution", "/billing/allocations",
                "/billing/payments", "/billing/contracts"));
        List<String> errors = new java.util.ArrayList<>();
        for (Map.Entry<String, List<String>> desk : desks.entrySet()) {
            try (Browser browser = new Browser(1366, 768)) {
                browser.open(gateway + "/");
                browser.signIn(desk.getKey(), Tokens.PASSWORD, gateway);
                browser.await(By.cssSelector("[data-test=identity]"));
                browser.consoleErrors();
                for (String page : desk.getValue()) {
                    browser.open(gateway + page);
                    browser.await(By.cssSelector("[data-test=identity]"));
                    browser.settle();
                    browser.screenshot("10-" + desk.getKey() + page.replace('/', '-'));
                    browser.consoleErrors().forEach(e -> errors.add(desk.getKey() + " " + page + ": " + e));
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    @Order(5)
    void anAuditorsWriteForcedFromThePageIsRefused() throws Exception {
        try (Browser browser = new Browser(1366, 768)) {
            browser.open(gateway + "/");
            browser.signIn("yuxi-auditor", Tokens.PASSWORD, gateway);
            browser.await(By.cssSelector("[data-test=identity]"));
            // what a person could type into the browser's console: a write with the page's own CSRF token
            Object status = browser.driver().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const csrf = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))?.split('=')[1];
                    fetch('/api/care/v1/tenants/%s/volunteers', {method: 'POST', credentials: 'same-origin',
                        headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf},
                        body: JSON.stringify({name: '强行写入', kind: 'VOLUNTEER'})})
                      .then(r => r.json().then(b => done(r.status + ' ' + b.code)))
                      .catch(e => done('failed ' + e));
                    """.formatted(CITY));
            assertThat(String.valueOf(status)).startsWith("403");
        }
    }

    void onboard(String token, String code, String name) throws Exception {
        Http.Response r = Http.post(gateway + "/api/tenants/v1/tenants", token,
                "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.brief()).isIn(200, 202);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response t = Http.get(gateway + "/api/tenants/v1/tenants/" + code, token);
            if (t.status() == 200 && "ACTIVE".equals(t.json().get("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("tenant " + code + " did not become active");
    }
}
