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
            var gdpColumn = driver.FindElements(By.CssSelector("#reporting-grid thead th")).Select(th => th.GetAttribute("data-indicator")).ToList().IndexOf("GDP");
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

    /// <summary>
    /// Issue 20's dashboard points in a real browser, at 1920×1080 and 390×844, asserting on the rendered DOM: the reporting
    /// grid's headers readable and above the first county row, the contribution chart's pulls and rates, the trend's one
    /// labelled point following a live update, the compact layout fitting 11 counties, a county link opened by keyboard
    /// with its detail in view, a county's own page with its 24 figures, Chinese quality warnings, Beijing times, the
    /// status chip on an error page, the export's 400/404, and the phone layout (fixed indicator column, short rows).
    /// </summary>
    [SkippableFact]
    public async Task Dashboard_points_of_issue_20_render_at_desktop_and_phone_width()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"needs Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}): apt-get install chromium chromium-driver fonts-noto-cjk");

        var dashboardPort = SuiteProcess.FreePort();
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo", $"--dashboard-port={dashboardPort}");
        var dashboard = $"http://localhost:{dashboardPort}";
        try
        {
            await WaitForPageAsync(dashboard);
            using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
            {
                IndicatorAddress = suite.Address, TargetAddress = suite.Address, AggregationAddress = suite.Address,
                BearerToken = File.ReadAllText(Path.Combine(_dataDirectory, "tokens", "county-654025.jwt")).Trim(),
            });
            // A year-to-date GDP that falls from Q2 to Q3: a quality warning on Xinyuan's Q3 figure.
            await client.SubmitFiguresAsync(Figures.Batch("654025", "2023Q2", Figures.Figure("GDP", 70m, "亿元", yoyGrowthPct: 9.5m)));
            await client.SubmitFiguresAsync(Figures.Batch("654025", "2023Q3", Figures.Figure("GDP", 60m, "亿元", yoyGrowthPct: 5m)));

            using var driver = StartChromium();
            var js = (IJavaScriptExecutor)driver;
            Resize(driver, 1920, 1080);
            driver.Navigate().GoToUrl($"{dashboard}/?org=654000&period=2022");
            var total = By.CssSelector("tr[data-indicator='GDP'] td[data-cell='total']");
            Until(driver, d => d.FindElements(total).FirstOrDefault()?.Text.Contains("481.81") == true, "the GDP total 481.81");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text.Contains("实时"), "the live watch to be open");
            Assert.Contains("北京时间", driver.FindElement(By.Id("live-status")).Text);

            // 1. The reporting grid's indicator headers: a fixed height, drawn above the first county row.
            var header = Rect(js, "#reporting-grid thead th.indicator[data-indicator='GDP']");
            var firstRow = Rect(js, "#reporting-grid tbody tr");
            Assert.True(header.Height >= 100, $"grid header height {header.Height} px");
            Assert.True(header.Bottom <= firstRow.Top + 1, $"grid header bottom {header.Bottom} over the first row at {firstRow.Top}");
            Assert.True(Rect(js, "#reporting-grid thead th.indicator[data-indicator='GDP'] span").Height >= 60, "the rotated name has room");

            // 2. The contribution chart: titled 占比 for the shares; the pulls and contribution rates the summary carries.
            Assert.Contains("各县（市）占比", driver.FindElement(By.Id("chart-contribution")).Text);
            Assert.DoesNotContain("对合计的贡献", driver.FindElement(By.Id("chart-contribution")).Text);
            Assert.Equal("0.44", driver.FindElement(By.CssSelector("#chart-pulls tr[data-county='654002'] [data-cell='pull']")).Text);
            Assert.Equal("0.82", driver.FindElement(By.CssSelector("#chart-pulls tr[data-county='654025'] [data-cell='pull']")).Text);
            Assert.Equal("34.80", driver.FindElement(By.CssSelector("#chart-pulls tr[data-county='654002'] [data-cell='contribution']")).Text);

            // 3. The trend: one period with a figure, one labelled point.
            Until(driver, d => d.FindElements(By.CssSelector("#chart-trend circle.trend-point")).Count == 1, "one point in the trend");
            Assert.Equal("481.81", driver.FindElement(By.CssSelector("#chart-trend text.trend-label")).Text);
            js.ExecuteScript("document.getElementById('charts').scrollIntoView();");
            SaveScreenshot(driver, "issue20-charts-1920.png", "IX_DASHBOARD_ISSUE20_CHARTS_SCREENSHOT");
            js.ExecuteScript("window.scrollTo(0, 0);");
            SaveScreenshot(driver, "issue20-table-1920.png", "IX_DASHBOARD_ISSUE20_TABLE_SCREENSHOT");

            // 10. Compact layout: the eleven counties fit 1920 px.
            driver.FindElement(By.Id("layout-switch")).Click();
            Until(driver, d => d.FindElement(By.Id("summary-table")).GetAttribute("data-layout") == "compact", "the compact layout");
            Assert.Equal(11, driver.FindElements(By.CssSelector("#summary-table th.county-name")).Count);
            var lastCounty = Rect(js, "#summary-table th.county-name[data-county='654028']");
            var width = Convert.ToDouble(js.ExecuteScript("return window.innerWidth;"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lastCounty.Right <= width, $"the last county ends at {lastCounty.Right} px of {width}");
            SaveScreenshot(driver, "issue20-compact-1920.png", "IX_DASHBOARD_COMPACT_SCREENSHOT");

            // 5. A county's name is a link reached by keyboard; Enter opens its detail, scrolled into view.
            var link = driver.FindElement(By.CssSelector("th.county-name[data-county='654025'] a.county-link"));
            Assert.EndsWith("?org=654025&period=2022&lang=zh", link.GetAttribute("href"));
            link.SendKeys(Keys.Enter);
            Until(driver, d => d.FindElements(By.CssSelector("#county-detail tr[data-indicator]")).Count > 0, "Xinyuan's figures");
            SaveScreenshot(driver, "issue20-drill-down-1920.png", "IX_DASHBOARD_ISSUE20_DRILL_DOWN_SCREENSHOT");
            Until(driver, _ => Rect(js, "#county-detail").Top is > -5 and < 540, "the detail scrolled into view");
            // 11. In the report's order: GDP first.
            Assert.Equal("GDP", driver.FindElement(By.CssSelector("#county-detail tbody tr")).GetAttribute("data-indicator"));
            // 13. Times in Beijing time, labelled.
            Assert.Contains("北京时间", driver.FindElement(By.CssSelector("#county-detail thead")).Text);

            // 3. The trend follows live updates like the table.
            await client.SubmitFiguresAsync(Figures.Batch("654025", "2022", Figures.Figure("GDP", 140m, "亿元", yoyGrowthPct: 3.5m)));
            Until(driver, d => d.FindElement(total).Text.Contains("488.20"), "the revised total");
            Until(driver, d => d.FindElement(By.CssSelector("#chart-trend text.trend-label")).Text == "488.20", "the trend's point revised live");

            // 4. A county's own page: its figures (24 in the demo), their targets and history; the picker offers counties.
            driver.Navigate().GoToUrl($"{dashboard}/?org=654025&period=2022");
            Until(driver, d => d.FindElements(By.CssSelector("#county-detail tr[data-indicator]")).Count == 24, "Xinyuan's 24 figures");
            Until(driver, d => d.FindElement(By.Id("page-title")).Text.Contains("新源县"), "the county's name in the title");
            Until(driver, d => !d.FindElement(By.Id("county-detail")).Text.Contains("暂无数据")
                && d.FindElement(By.CssSelector("#county-detail tr[data-indicator='GDP'] td[data-cell='value']")).Text == "140", "Xinyuan's GDP of 140");
            driver.FindElement(By.CssSelector("#county-detail tr[data-indicator='GDP'] a")).Click();
            Until(driver, d => d.FindElements(By.CssSelector("#figure-history tbody tr")).Count == 2, "the GDP figure's two revisions");
            Until(driver, d => d.FindElements(By.CssSelector("#chart-trend circle.trend-point")).Count == 1, "Xinyuan's own trend");
            SaveScreenshot(driver, "issue20-county-1920.png", "IX_DASHBOARD_COUNTY_SCREENSHOT");
            // MudSelect opens its list on a click of its input area (the id sits on an inner element).
            js.ExecuteScript("document.querySelector('.mud-select').scrollIntoView();");
            driver.FindElement(By.XPath("(//div[contains(@class,'mud-select')])[1]//div[contains(@class,'mud-input')]")).Click();
            Until(driver, d => d.FindElements(By.CssSelector(".mud-popover-open .mud-list-item")).Any(i => i.Text.Contains("654025 新源县")),
                "the counties in the area picker");
            driver.FindElement(By.TagName("body")).SendKeys(Keys.Escape);

            // 4. The county's targets: Xinyuan's 2023Q2 GDP growth 9.5% against its floor of 8%.
            driver.Navigate().GoToUrl($"{dashboard}/?org=654025&period=2023Q2");
            Until(driver, d => d.FindElements(By.CssSelector("#county-detail tr[data-indicator='GDP'] td[data-cell='target'] .progress-badge.progress-ahead")).Count == 1,
                "Xinyuan's GDP target progress on its page");

            // 7. The quality warning of the Q3 figure in Chinese, without the rule's syntax.
            driver.Navigate().GoToUrl($"{dashboard}/?org=654025&period=2023Q3");
            var warnings = By.CssSelector("#county-detail tr[data-indicator='GDP'] td[data-cell='warnings']");
            Until(driver, d => d.FindElements(warnings).FirstOrDefault()?.Text is { } warning && warning.Contains("累计值低于本年上一期的累计值（60 < 70）")
                && !warning.Contains("previous_value") && !warning.Contains("left"), "the warning in Chinese, without the rule's syntax");
            SaveScreenshot(driver, "issue20-warning-1920.png", "IX_DASHBOARD_WARNING_SCREENSHOT");

            // 6. An error page: no "reconnecting", no blank time or sequence.
            driver.Navigate().GoToUrl($"{dashboard}/?org=999999&period=2022");
            Until(driver, d => d.FindElements(By.Id("error-message")).Count == 1, "the error message");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text is { } chip
                && chip.Contains("未连接") && !chip.Contains("重新连接中") && !chip.Contains('#') && !chip.Contains("更新于"), "the chip of an error page");

            // 8. The export's answers to bad requests.
            using (var http = new HttpClient())
            {
                using var missing = await http.GetAsync($"{dashboard}/export.xlsx");
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, missing.StatusCode);
                Assert.Contains("缺少参数 org 和 period", await missing.Content.ReadAsStringAsync());
                using var unknown = await http.GetAsync($"{dashboard}/export.xlsx?org=999999&period=2022");
                Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
                Assert.Contains(" / ", await unknown.Content.ReadAsStringAsync());
                using var workbook = await http.GetAsync($"{dashboard}/export.xlsx?org=654000&period=2022&lang=en");
                Assert.Equal(System.Net.HttpStatusCode.OK, workbook.StatusCode);
            }

            // 9. Phone width: the indicator column stays while the table scrolls; rows stay one line high.
            Resize(driver, 390, 844);
            driver.Navigate().GoToUrl($"{dashboard}/?org=654000&period=2022");
            Until(driver, d => d.FindElements(total).FirstOrDefault()?.Text.Contains("488.20") == true, "the table at phone width");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text.Contains("实时"), "the live watch at phone width");
            SaveScreenshot(driver, "issue20-table-390.png", "IX_DASHBOARD_PHONE_SCREENSHOT");
            var pageWidth = Convert.ToDouble(js.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"),
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pageWidth <= 1, $"the page itself scrolls sideways by {pageWidth} px: " + js.ExecuteScript(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1" +
                " && !e.parentElement.closest('.summary-table-wrap, .reporting-grid-wrap'))" +
                ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + e.getBoundingClientRect().right).join('; ');"));
            var rowHeight = Rect(js, "#summary-table tr[data-indicator='GDP']").Height;
            Assert.True(rowHeight <= 48, $"a row with notes stays short: {rowHeight} px");
            var nameBefore = Rect(js, "#summary-table tr[data-indicator='GDP'] td.indicator-name");
            js.ExecuteScript("document.querySelector('.summary-table-wrap').scrollLeft = 600;");
            var nameAfter = Rect(js, "#summary-table tr[data-indicator='GDP'] td.indicator-name");
            var valueAfter = Rect(js, "#summary-table tr[data-indicator='GDP'] td[data-cell='total']");
            Assert.True(Math.Abs(nameAfter.Left - nameBefore.Left) < 1, $"the indicator column moved from {nameBefore.Left} to {nameAfter.Left}");
            Assert.True(valueAfter.Left < nameBefore.Left + nameBefore.Width, "the other columns scrolled under it");
            SaveScreenshot(driver, "issue20-table-390-scrolled.png", "IX_DASHBOARD_PHONE_SCROLLED_SCREENSHOT");
            driver.Navigate().GoToUrl($"{dashboard}/?org=654025&period=2022");
            Until(driver, d => d.FindElements(By.CssSelector("#county-detail tr[data-indicator]")).Count == 24, "Xinyuan's page at phone width");
            Until(driver, d => d.FindElement(By.Id("live-status")).Text.Contains("实时"), "the live watch of Xinyuan's page");
            SaveScreenshot(driver, "issue20-county-390.png", "IX_DASHBOARD_PHONE_COUNTY_SCREENSHOT");
        }
        catch
        {
            output.WriteLine(suite.Output);
            throw;
        }
    }

    private static void Resize(IWebDriver driver, int width, int height)
    {
        driver.Manage().Window.Size = new System.Drawing.Size(width, height);
        // The viewport, not the window, is what the page lays out in: make up the difference.
        var inner = (IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript("return [window.innerWidth, window.innerHeight];")!;
        var (innerWidth, innerHeight) = (Convert.ToInt32(inner.First(), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt32(inner.Last(), System.Globalization.CultureInfo.InvariantCulture));
        driver.Manage().Window.Size = new System.Drawing.Size(2 * width - innerWidth, 2 * height - innerHeight);
    }

    private sealed record Box(double Left, double Top, double Right, double Bottom, double Width, double Height);

    private static Box Rect(IJavaScriptExecutor js, string selector)
    {
        var values = ((IReadOnlyCollection<object>)js.ExecuteScript(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, r.width, r.height];",
            selector)!).Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Box(values[0], values[1], values[2], values[3], values[4], values[5]);
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
