using IndicatorExchange.Client;
using IndicatorExchange.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>
/// The real executable with the demo data and the dashboard on free ports, the page in headless Chromium (Debian's
/// chromium and chromedriver), a county's resubmission through the client library, and the open page updating
/// without a reload.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output, SkipReasons skips) : IAsyncLifetime, IClassFixture<SkipReasons>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ix-dashboard-e2e-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Page_shows_the_prefecture_gdp_and_updates_without_reload_when_xinyuan_resubmits()
    {
        skips.SkipUnless(File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"needs Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}): apt-get install chromium chromium-driver fonts-noto-cjk");

        var dashboardPort = SuiteProcess.FreePort();
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo", $"--dashboard-port={dashboardPort}");
        var dashboard = $"http://localhost:{dashboardPort}";
        try
        {
            await WaitForPageAsync(dashboard);
            using var driver = StartChromium();

            driver.Navigate().GoToUrl($"{dashboard}/?org=654000&period=2022");
            var total = By.CssSelector("tr[data-indicator='GDP'] td[data-cell='total']");
            Until(driver, d => d.FindElements(total).FirstOrDefault()?.Text.Contains("481.81") == true, "the GDP total 481.81");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text.Contains("实时"), "the live watch to be open");
            Assert.Contains("不完整", driver.FindElement(total).Text);
            ((IJavaScriptExecutor)driver).ExecuteScript("window.ixNotReloaded = true;");
            SaveScreenshot(driver, "dashboard.png", "IX_DASHBOARD_SCREENSHOT");

            using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
            {
                IndicatorAddress = suite.Address, TargetAddress = suite.Address, AggregationAddress = suite.Address,
                // Xinyuan's own reporter token, as the demo wrote it.
                BearerToken = File.ReadAllText(Path.Combine(_dataDirectory, "tokens", "county-654025.jwt")).Trim(),
            });
            var answer = await client.SubmitFiguresAsync(Figures.Batch("654025", "2022",
                Figures.Figure("GDP", 140m, "亿元", yoyGrowthPct: 3.5m, note: "revised by the dashboard browser test")));
            Assert.Equal(1, answer.Summary.Updated);

            // 348.2 (Yining) + 140 (Xinyuan's revision) = 488.20, arriving through WatchSummary.
            Until(driver, d => d.FindElement(total).Text.Contains("488.20"), "the revised total 488.20 without reload");
            Assert.Equal(true, ((IJavaScriptExecutor)driver).ExecuteScript("return window.ixNotReloaded === true;"));
            Assert.StartsWith("140.00", driver.FindElement(By.CssSelector("tr[data-indicator='GDP'] td[data-county='654025'][data-cell='value']")).Text);
            SaveScreenshot(driver, "dashboard-updated.png", "IX_DASHBOARD_UPDATED_SCREENSHOT");

            // Drill-down: Xinyuan's figures and the GDP figure's two revisions.
            driver.FindElement(By.CssSelector("th.county-name[data-county='654025']")).Click();
            Until(driver, d => d.FindElements(By.CssSelector("#county-detail tr[data-indicator='GDP'] a")).Count == 1, "Xinyuan's figures");
            driver.FindElement(By.CssSelector("#county-detail tr[data-indicator='GDP'] a")).Click();
            Until(driver, d => d.FindElements(By.CssSelector("#figure-history tbody tr")).Count == 2, "the GDP figure's two revisions");

            SaveScreenshot(driver, "dashboard-drill-down.png", "IX_DASHBOARD_DRILL_DOWN_SCREENSHOT");

            // Charts drawn by MudBlazor (SVG) for GDP, and the reporting grid: Xinyuan reported GDP late, Kuitun not at all.
            driver.FindElement(By.CssSelector("tr[data-indicator='GDP'] td.indicator-name")).Click();
            foreach (var chart in new[] { "chart-contribution", "chart-growth", "chart-trend" })
            {
                Until(driver, d => d.FindElements(By.CssSelector($"#{chart} svg")).Count > 0, $"the {chart} SVG");
            }
            var gdpColumn = driver.FindElements(By.CssSelector("#reporting-grid thead th")).Select(th => th.GetAttribute("title")).ToList().IndexOf("GDP");
            Assert.True(gdpColumn > 0, "GDP column in the reporting grid");
            Assert.Equal("report-late", driver.FindElements(By.CssSelector("#reporting-grid tr[data-county='654025'] td"))[gdpColumn - 1].GetAttribute("class"));
            Assert.Equal("report-missing", driver.FindElements(By.CssSelector("#reporting-grid tr[data-county='654003'] td"))[gdpColumn - 1].GetAttribute("class"));
            driver.ExecuteScript("document.getElementById('charts').scrollIntoView();");
            SaveScreenshot(driver, "dashboard-charts.png", "IX_DASHBOARD_CHARTS_SCREENSHOT");

            // Target progress against the 2023 demo targets: Xinyuan's Q2 GDP growth 9.5% against ≥ 8% is ahead (1.5 points),
            // its 300 万人次 tourists against 840 are 35.7%, behind the half-year milestone of 50%.
            await client.SubmitFiguresAsync(Figures.Batch("654025", "2023Q2",
                Figures.Figure("GDP", 70m, "亿元", yoyGrowthPct: 9.5m), Figures.Figure("TOURIST_VISITS", 300m, "万人次", yoyGrowthPct: 20m)));
            driver.Navigate().GoToUrl($"{dashboard}/?org=654000&period=2023Q2");
            var gdpTarget = By.CssSelector("tr[data-indicator='GDP'] td[data-county='654025'][data-cell='target'] .progress-badge");
            var touristTarget = By.CssSelector("tr[data-indicator='TOURIST_VISITS'] td[data-county='654025'][data-cell='target'] .progress-badge");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text.Contains("实时"), "the live watch of 2023Q2");
            Until(driver, d => d.FindElement(gdpTarget).GetAttribute("class")!.Contains("progress-ahead"), "Xinyuan's GDP growth ahead of its target");
            Until(driver, d => d.FindElement(touristTarget).GetAttribute("class")!.Contains("progress-behind")
                && d.FindElement(touristTarget).Text.Contains("35.7%"), "Xinyuan's tourists behind the milestone at 35.7%");
            driver.ExecuteScript("document.querySelector(\"th.county-name[data-county='654025']\").scrollIntoView({ inline: 'center' }); window.scrollTo(0, 0);");
            SaveScreenshot(driver, "dashboard-targets.png", "IX_DASHBOARD_TARGETS_SCREENSHOT");
        }
        catch
        {
            output.WriteLine(suite.Output);
            throw;
        }
    }

    private static ChromeDriver StartChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1680,1500", "--lang=zh-CN");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>The dashboard starts once the services listen; wait until it answers.</summary>
    private static async Task WaitForPageAsync(string address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + PageTimeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(address);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the dashboard at {address} did not answer within {PageTimeout.TotalSeconds} s");
            }
            await Task.Delay(200);
        }
    }

    private static void Until(IWebDriver driver, Func<IWebDriver, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + PageTimeout;
        while (true)
        {
            try
            {
                if (condition(driver))
                {
                    return;
                }
            }
            catch (WebDriverException) when (DateTime.UtcNow < deadline)
            {
                // The element is being re-rendered (stale) or not there yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {PageTimeout.TotalSeconds} s for {what}; page text:\n{Body(driver)}");
            }
            Thread.Sleep(200);
        }
    }

    private static string Body(IWebDriver driver)
    {
        try
        {
            return driver.FindElement(By.TagName("body")).Text;
        }
        catch (WebDriverException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>Saves the page under the test output; the environment variable <paramref name="copyTo"/>, when set, names a copy (docs/dashboard.png).</summary>
    private void SaveScreenshot(ChromeDriver driver, string name, string copyTo)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        driver.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
        if (Environment.GetEnvironmentVariable(copyTo) is { Length: > 0 } copy)
        {
            File.Copy(path, copy, overwrite: true);
            output.WriteLine($"screenshot copied to {copy}");
        }
    }
}
