package dev.sluice.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page {@code sluice serve} shows, in a real browser: Debian's headless Chromium driven by its chromedriver
 * ({@code .ci/run} installs both). Everything the page shows is held to what the CLI prints or writes for the same
 * answers. Screenshots of each step land in {@code generator/target/screenshots/}.
 */
class ServePageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SluiceServer server;
    private static ChromeDriver browser;
    private static Path downloads;
    private String test;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI lacks " + CHROMIUM + " or " + CHROMEDRIVER + ": .ci/run installs Debian's chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + " here (apt-get install chromium chromium-driver)");
        server = SluiceServer.start("127.0.0.1", 0);
        downloads = Files.createTempDirectory("sluice-downloads");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1100");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open(TestInfo info) throws IOException {
        test = info.getTestMethod().orElseThrow().getName();
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @AfterEach
    void screenshot() throws IOException {
        shot(test);
    }

    /** Keeps the page as it looks now, as target/screenshots/NAME.png. */
    private static void shot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    /** Opens the page at {@code query} and waits for its first answer from the server. */
    private static void page(String query) {
        browser.get(base() + "/" + query);
        until(() -> answered() > 0);
    }

    /** How many times the page has had its answers planned. */
    private static int answered() {
        String count = browser.findElement(By.tagName("body")).getDomAttribute("data-answered");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static void until(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> condition.getAsBoolean());
    }

    /** Replaces what {@code id} holds by typing {@code text}, as a person does, then waits for the page's next answer. */
    private static void type(String id, String text) {
        int before = answered();
        WebElement input = browser.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        until(() -> answered() > before && browser.findElement(By.id(id)).getDomProperty("value").equals(text));
        until(() -> answered() > before);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static String setting(int endpoint, String key) {
        return text("#plan-" + endpoint + " tr[data-setting=\"" + key + "\"] td.value");
    }

    private static JsonNode plan(String... flags) throws IOException {
        CliRun.Result cli = CliRun.run(null, null, Stream.concat(Stream.of("plan", "--json"), Stream.of(flags)).toArray(String[]::new));
        return JSON.readTree(cli.out());
    }

    private static String settingOf(JsonNode plan, String key) {
        for (JsonNode setting : plan.path("settings")) {
            if (setting.path("key").asText().equals(key)) {
                return setting.path("value").asText();
            }
        }
        throw new AssertionError("no setting " + key + " in " + plan);
    }

    private static String money(double amount) {
        return String.format(Locale.US, "$%,.2f", amount);
    }

    private static byte[] fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Test
    void changingThePeakRateChangesTheConcurrencyTheChartAndTheCostAsTheCliPlansThem() throws Exception {
        page("");
        JsonNode before = plan();
        assertEquals(settingOf(before, "maxConcurrency"), setting(1, "maxConcurrency"));
        assertEquals(money(before.path("cost").path("monthlyTotal").asDouble()), text("#monthly-total"));
        String chartBefore = browser.findElement(By.id("chart")).getDomProperty("src");

        type("e1-peakRps", "800");

        JsonNode after = plan("--peak-rps", "800");
        assertNotEquals(settingOf(before, "maxConcurrency"), settingOf(after, "maxConcurrency"));
        assertEquals(settingOf(after, "maxConcurrency"), setting(1, "maxConcurrency"));
        assertEquals(settingOf(after, "batchingWindow"), setting(1, "batchingWindow"));
        assertEquals(money(after.path("cost").path("monthlyTotal").asDouble()), text("#monthly-total"));
        assertNotEquals(text("#monthly-total"), money(before.path("cost").path("monthlyTotal").asDouble()));
        // The reason beside the value is the plan's own.
        assertTrue(text("#plan-1 tr[data-setting=\"maxConcurrency\"] td.why").contains("800 requests/s"));

        WebElement chart = browser.findElement(By.id("chart"));
        String chartAfter = chart.getDomProperty("src");
        assertNotEquals(chartBefore, chartAfter);
        until(() -> (Boolean) ((JavascriptExecutor) browser).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
        CliRun.Result drawn = CliRun.run("chart.svg", null, "plan", "--peak-rps", "800", "--chart", "chart.svg");
        assertArrayEquals(drawn.file(), fetch(chartAfter), "the chart shown is the one `sluice plan --chart` draws");
        assertTrue(browser.getCurrentUrl().endsWith("/?name=orders-api&peakRps=800"), browser.getCurrentUrl());

        // The README's picture (docs/images/serve.png): the page from the top, tall enough for the chart and the settings.
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1440, 1500));
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        shot("page");
        browser.manage().window().setSize(size);
    }

    @Test
    void aBadAnswerShowsTheClisLineBesideItAndHoldsTheDownload() throws Exception {
        page("");
        type("e1-peakRps", "0");
        CliRun.Result cli = CliRun.run(null, null, "new", "orders-api", "--peak-rps", "0", "--batch");
        assertEquals(2, cli.code());
        WebElement error = browser.findElement(By.cssSelector("#endpoint-1 [data-question=\"peakRps\"] output.error"));
        assertTrue(error.isDisplayed());
        assertEquals(cli.err().strip(), error.getText());
        assertEquals("true", browser.findElement(By.id("download")).getDomAttribute("aria-disabled"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", error);
        shot("bad-answer");

        type("service-name", "Orders");
        CliRun.Result name = CliRun.run(null, null, "new", "Orders", "--batch");
        // One bad answer at a time, as the CLI reports them: the first is still the peak.
        assertEquals(cli.err().strip(), error.getText());
        type("e1-peakRps", "60");
        assertTrue(text("#service [data-question=\"name\"] output.error").startsWith(name.err().strip()), name.err());
        type("service-name", "orders");
        assertTrue(browser.findElements(By.cssSelector("output.error")).stream().noneMatch(WebElement::isDisplayed));
        assertEquals("false", browser.findElement(By.id("download")).getDomAttribute("aria-disabled"));
    }

    @Test
    void anAddedEndpointIsAskedItsPathThenPlannedWithTheServicesTotal() throws Exception {
        page("");
        assertFalse(browser.findElement(By.cssSelector("#endpoint-1 .remove")).isDisplayed(), "the only endpoint stays");
        int before = answered();
        browser.findElement(By.id("add-endpoint")).click();
        until(() -> answered() > before);
        assertTrue(browser.findElement(By.cssSelector("#endpoint-1 .remove")).isDisplayed());
        assertEquals("/orders", browser.findElement(By.id("e1-path")).getDomProperty("value"), "the first endpoint's path, written out");
        WebElement error = browser.findElement(By.cssSelector("#endpoint-2 [data-question=\"path\"] output.error"));
        assertEquals("sluice: endpoints[2] --path: (no value) is required: every endpoint of a service has its own path; accepted: "
                + dev.sluice.answers.Question.PATH.accepted(), error.getText());

        type("e2-path", "/refunds");
        type("e2-peakRps", "300");
        String answers = "name: orders-api\nendpoints:\n  - path: /orders\n  - path: /refunds\n    peakRps: 300\n";
        JsonNode service = JSON.readTree(CliRun.run(null, answers, "plan", "--json", "--answers", "answers.yaml").out());
        assertEquals("POST /refunds", browser.findElement(By.cssSelector("#plan-2 h3")).getText().lines().findFirst().orElseThrow()
                .replace(browser.findElement(By.cssSelector("#plan-2 h3 .cost-total")).getText(), "").strip());
        assertEquals(service.path("endpoints").get(1).path("settings").findValuesAsText("value").get(4), setting(2, "maxConcurrency"));
        assertEquals(money(service.path("monthlyTotal").asDouble()), text("#monthly-total"));
        assertTrue(browser.findElement(By.id("plan-shared")).isDisplayed());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        shot("service");

        browser.findElement(By.cssSelector("#endpoint-2 .remove")).click();
        until(() -> browser.findElements(By.id("plan-2")).isEmpty());
        assertEquals(money(plan().path("cost").path("monthlyTotal").asDouble()), text("#monthly-total"));
    }

    @Test
    void exploreShowsEachFileAsTheDownloadHoldsIt() throws Exception {
        page("?name=shop&iac=cdk");
        browser.findElement(By.id("explore-open")).click();
        until(() -> !browser.findElements(By.cssSelector("#explore-files button[data-path=\"infra/pom.xml\"]")).isEmpty());
        assertEquals("shop", text("#explore-name"));
        browser.findElement(By.cssSelector("#explore-files button[data-path=\"README.md\"]")).click();
        CliRun.Result zip = CliRun.run("shop.zip", null, "new", "shop", "--iac", "cdk", "--output", "shop.zip");
        Map<String, String> files = unzip(zip.file());
        assertEquals(files.keySet().stream().sorted().toList(), browser.findElements(By.cssSelector("#explore-files button")).stream()
                .map(b -> b.getDomAttribute("data-path")).sorted().toList());
        String handler = files.keySet().stream().filter(p -> p.endsWith("Handler.java")).findFirst().orElseThrow();
        browser.findElement(By.cssSelector("#explore-files button[data-path=\"" + handler + "\"]")).click();
        until(() -> text("#explore-path").startsWith(handler));
        assertEquals(files.get(handler).strip(), browser.findElement(By.id("explore-text")).getDomProperty("textContent").strip());
    }

    @Test
    void theDownloadIsByteForByteTheClisZip() throws Exception {
        page("?name=shop&peakRps=800&maxDelay=2m");
        browser.findElement(By.id("download")).click();
        byte[] downloaded = Files.readAllBytes(download("shop.zip"));
        CliRun.Result cli = CliRun.run("shop.zip", null, "new", "shop", "--peak-rps", "800", "--max-delay", "2m", "--output", "shop.zip");
        assertArrayEquals(cli.file(), downloaded);
    }

    @Test
    void aServiceWithASchemaDownloadsAsItsAnswersFileGeneratesIt() throws Exception {
        page("?name=shop");
        browser.findElement(By.id("add-endpoint")).click();
        type("e2-path", "/refunds");
        new Select(browser.findElement(By.id("e2-payload"))).selectByValue("schema");
        String schema = "{\n  \"type\": \"object\",\n  \"required\": [\"refundId\"],\n  \"properties\": {\"refundId\": {\"type\": \"string\", \"format\": \"uuid\"}}\n}";
        type("e2-schema", schema);
        until(() -> !browser.findElements(By.id("plan-2")).isEmpty());

        browser.findElement(By.id("answers-open")).click();
        String answersFile = browser.findElement(By.id("answers-text")).getDomProperty("textContent");
        assertTrue(answersFile.contains("schema: "), answersFile);
        browser.findElement(By.cssSelector("#answers-file .close")).click();

        browser.findElement(By.id("download")).click();
        byte[] downloaded = Files.readAllBytes(download("shop.zip"));
        CliRun.Result cli = CliRun.run("shop.zip", answersFile, "new", "--answers", "answers.yaml", "--output", "shop.zip");
        assertEquals(0, cli.code(), cli.err());
        assertArrayEquals(cli.file(), downloaded, "`sluice new --answers` on the page's answers file writes the zip the page downloads");
        assertEquals(schema, unzip(downloaded).get(".sluice/refunds.schema.json"));
    }

    @Test
    void aShareLinkOpensThePageWithTheSameAnswers() throws Exception {
        page("");
        type("service-name", "shop");
        new Select(browser.findElement(By.id("service-iac"))).selectByValue("cdk");
        type("e1-maxDelay", "90s");
        browser.findElement(By.id("add-endpoint")).click();
        type("e2-path", "/orders/{orderId}/events");
        type("e2-ordering", "key:eventId");
        type("e2-fields", "eventId:uuid,kind:enum(CREATED,PAID)");
        Map<String, String> answers = formValues();
        String total = text("#monthly-total");

        browser.findElement(By.id("share-open")).click();
        String link = browser.findElement(By.id("share-url")).getDomProperty("value");
        assertTrue(link.startsWith(base() + "/?"), link);

        browser.get("about:blank");
        page(link.substring(base().length() + 1));
        assertEquals(answers, formValues());
        assertEquals(total, text("#monthly-total"));
        assertEquals("POST /orders/{orderId}/events", browser.findElement(By.cssSelector("#plan-2 h3")).getText().lines().findFirst().orElseThrow()
                .replace(browser.findElement(By.cssSelector("#plan-2 h3 .cost-total")).getText(), "").strip());
    }

    /** Every input's and choice's value by its id. */
    private static Map<String, String> formValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (WebElement input : browser.findElements(By.cssSelector("#answers input, #answers select, #answers textarea"))) {
            values.put(input.getDomAttribute("id"), input.getDomProperty("value"));
        }
        return values;
    }

    /** The file the browser finished downloading. */
    private static Path download(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return Files.isRegularFile(file) && files.noneMatch(p -> p.toString().endsWith(".crdownload"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return file;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    // Without the archive's root folder, the project's name: paths as the project holds them.
                    files.put(entry.getName().substring(entry.getName().indexOf('/') + 1), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
