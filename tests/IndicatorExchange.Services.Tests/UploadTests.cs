using System.Globalization;
using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// UploadFigures: a header, then batches for any number of org units and periods, applied as one atomic,
/// idempotent unit. The tests of this class share one suite and are kept apart by period: 2019 (idempotency),
/// 2020 (validate_only), 2021-2023 (a whole upload), 2024 (a rejected upload), 2025 (header order),
/// 2026 (duplicates), and the monthly periods of counties the big upload creates for itself.
/// </summary>
public sealed class UploadTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task An_upload_for_many_counties_and_years_is_applied_whole()
    {
        var years = new[] { "2021", "2022", "2023" };
        // Each county and year is split over two batch messages, far apart in the stream.
        var first = Uploads.Counties.SelectMany((county, c) => years.Select(year => Uploads.Part(county, year,
            Figure("GDP", c % 2 == 0 ? Text(100.25m + c) : Text((100.25m + c) * 10_000m), c % 2 == 0 ? "亿元" : "万元"),
            Figure("GRAIN_OUTPUT", Text((12.5m + c) * 10_000m), "吨"),
            Figure("TOURIST_VISITS", Text(35.6m + c), "万人次"))));
        var second = Uploads.Counties.SelectMany((county, c) => years.Select(year => Uploads.Part(county, year,
            Figure("FOREIGN_TRADE", Text(1920m + c), "万美元"),
            Figure("NEW_URBAN_JOBS", Text(3100m + c), "人"))));
        var requestId = "upload-whole-" + Guid.NewGuid();

        var response = await Uploads.SendAsync(_client, [Uploads.Header(requestId), .. first, .. second]);

        Assert.Equal((165, 0, 0, 0), (response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged, response.Summary.Rejected));
        // Warnings depend on neighbouring years other tests may have filled; an accepted upload never has errors.
        Assert.All(response.Summary.Issues, issue => Assert.Equal(IssueSeverity.Warning, issue.Severity));
        var stored = new List<Contracts.Indicator.V1.Figure>();
        foreach (var (county, c) in Uploads.Counties.Select((county, c) => (county, c)))
        {
            foreach (var year in years)
            {
                var figures = (await Figures.ListAllAsync(_client, county, year)).ToDictionary(f => f.Indicator);
                Assert.Equal(["FOREIGN_TRADE", "GDP", "GRAIN_OUTPUT", "NEW_URBAN_JOBS", "TOURIST_VISITS"], figures.Keys.Order(StringComparer.Ordinal));
                Assert.Equal((Text(100.25m + c), "亿元"), (figures["GDP"].Value.Value.Value, figures["GDP"].Value.Unit));
                Assert.Equal((Text(12.5m + c), "万吨"), (figures["GRAIN_OUTPUT"].Value.Value.Value, figures["GRAIN_OUTPUT"].Value.Unit));
                Assert.Equal((Text((12.5m + c) * 10_000m), "吨"), (figures["GRAIN_OUTPUT"].Sent.Value.Value, figures["GRAIN_OUTPUT"].Sent.Unit));
                Assert.Equal((Text(35.6m + c), "万人次"), (figures["TOURIST_VISITS"].Value.Value.Value, figures["TOURIST_VISITS"].Value.Unit));
                Assert.Equal((Text((1920m + c) / 10_000m), "亿美元"), (figures["FOREIGN_TRADE"].Value.Value.Value, figures["FOREIGN_TRADE"].Value.Unit));
                Assert.Equal((Text((3100m + c) / 10_000m), "万人"), (figures["NEW_URBAN_JOBS"].Value.Value.Value, figures["NEW_URBAN_JOBS"].Value.Unit));
                stored.AddRange(figures.Values);
            }
        }
        Assert.Equal(165, stored.Count);
        Assert.All(stored, f => Assert.Equal((1L, requestId, 0L), (f.Revision, f.RequestId, f.ReplacesSequence)));
        Assert.Single(stored.Select(f => f.ReceivedAt).Distinct());
        Assert.Equal(165, stored.Select(f => f.Sequence).Distinct().Count());
        Assert.Equal(response.LastSequence, stored.Max(f => f.Sequence));

        // The same figures again under a new id, five of them changed: counts still add up.
        var changed = new HashSet<(string, string, string)>
        {
            ("654002", "2021", "GDP"), ("654003", "2022", "TOURIST_VISITS"), ("654021", "2023", "GRAIN_OUTPUT"),
            ("654026", "2021", "FOREIGN_TRADE"), ("654028", "2023", "NEW_URBAN_JOBS"),
        };
        var again = stored.GroupBy(f => (f.OrgUnit, f.Period)).Select(g => Uploads.Part(g.Key.OrgUnit, g.Key.Period,
            g.Select(f => Figure(f.Indicator, changed.Contains((f.OrgUnit, f.Period, f.Indicator))
                ? Text(decimal.Parse(f.Value.Value.Value, CultureInfo.InvariantCulture) + 0.01m) : f.Sent.Value.Value,
                changed.Contains((f.OrgUnit, f.Period, f.Indicator)) ? f.Value.Unit : f.Sent.Unit)).ToArray()));

        var update = await Uploads.SendAsync(_client, [Uploads.Header("upload-whole-again-" + Guid.NewGuid()), .. again]);

        Assert.Equal((0, 5, 160), (update.Summary.Created, update.Summary.Updated, update.Summary.Unchanged));
        foreach (var (org, period, indicator) in changed)
        {
            var history = (await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = org, Period = period, Indicator = indicator })).Revisions;
            Assert.Equal([1L, 2L], history.Select(r => r.Revision));
            Assert.True(update.LastSequence >= history[1].Sequence);
        }
    }

    [Fact]
    public async Task An_upload_of_more_than_twenty_thousand_monthly_figures_is_applied_whole()
    {
        // Monthly indicators; those published for January and February together have no M01.
        (string Code, decimal Base, bool JanFeb)[] indicators =
        [
            ("RETAIL_SALES", 2.5m, true), ("RETAIL_SALES_ABOVE_SIZE", 1.25m, true), ("GROSS_INDUSTRIAL_OUTPUT", 10m, true),
            ("INDUSTRY_VALUE_ADDED_ABOVE_SIZE", 3m, true), ("FIXED_ASSET_INVESTMENT", 4m, true),
            ("PUBLIC_BUDGET_REVENUE", 0.5m, false), ("FOREIGN_TRADE", 0.1m, false),
        ];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var months = Enumerable.Range(2019, today.Year - 2019 + 1)
            .SelectMany(year => Enumerable.Range(1, 12).Select(month => new DateOnly(year, month, 1)))
            .Where(start => start <= today)
            .ToList();
        var counties = Enumerable.Range(101, 33).Select(n => $"654{n:D3}").ToList();
        foreach (var county in counties)
        {
            await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
            {
                OrgUnit = new OrgUnit { Code = county, NameZh = $"测试县{county}", NameEn = $"Test county {county}", Level = OrgUnitLevel.County, ParentCode = "654000" },
            });
        }

        // Year-to-date values that grow through each year and repeat every year: no quality warnings.
        var expected = new Dictionary<(string, string, string), string>();
        var batches = new List<UploadFiguresRequest>();
        foreach (var (county, c) in counties.Select((county, c) => (county, c)))
        {
            foreach (var month in months)
            {
                var period = $"{month.Year}M{month.Month:D2}";
                var figures = new List<FigureInput>();
                foreach (var (code, @base, _) in indicators.Where(i => !(i.JanFeb && month.Month == 1)))
                {
                    var value = (@base + c / 100m) * month.Month;
                    expected[(county, period, code)] = Text(value);
                    figures.Add(code == "FOREIGN_TRADE" ? Figure(code, Text(value * 10_000m), "万美元") : Figure(code, Text(value), "亿元"));
                }
                batches.Add(Uploads.Part(county, period, [.. figures]));
            }
        }
        Assert.True(expected.Count >= 20_000, $"only {expected.Count} figures");

        var response = await Uploads.SendAsync(_client, [Uploads.Header("upload-big-" + Guid.NewGuid()), .. batches]);

        Assert.Equal((expected.Count, 0, 0, 0), (response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged, response.Summary.Rejected));
        Assert.Empty(response.Summary.Issues);
        // Listed without an org-unit filter: with one, the store scans every current figure for each row it
        // returns (about a second per county at this size); one county is compared through the filter.
        var stored = (await Figures.ListAllAsync(_client)).Where(f => counties.Contains(f.OrgUnit)).ToList();
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(stored, f => Assert.Equal(expected[(f.OrgUnit, f.Period, f.Indicator)], f.Value.Value.Value));
        Assert.Equal(stored.Count, stored.Select(f => f.Sequence).Distinct().Count());
        Assert.Equal(stored.Where(f => f.OrgUnit == "654117"), await Figures.ListAllAsync(_client, "654117"));
        Assert.Equal(response.LastSequence, stored.Max(f => f.Sequence));
    }

    [Fact]
    public async Task An_upload_with_one_bad_figure_deep_inside_is_rejected_whole()
    {
        var periods = new[] { "2024", "2024Q1", "2024Q2", "2024Q3", "2024Q4" };
        var batches = periods.SelectMany(period => Uploads.Counties.Select(county => Uploads.Part(county, period,
            Figure("TOURIST_VISITS", "12.5", "万人次"),
            Figure("GDP", "80", "亿元"),
            Figure("NEW_URBAN_JOBS", "3100", "人"),
            Figure("FOREIGN_TRADE", "1920", "万美元")))).ToList();
        // Batch 41 is 2024Q3 of the ninth county; its third figure names a unit of another dimension.
        batches[41].Batch.Figures[2] = Figure("NEW_URBAN_JOBS", "3100", "万美元");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.SendAsync(_client, [Uploads.Header("upload-bad-" + Guid.NewGuid()), .. batches]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("FIGURES_REJECTED", Reason(error));
        Assert.Equal([("batches[41].figures[2].quantity.unit", "UNIT_DIMENSION_MISMATCH")], Violations(error));
        var summary = error.GetRpcStatus()?.GetDetail<ImportSummary>();
        Assert.NotNull(summary);
        Assert.Equal((0, 0, 0, 1), (summary.Created, summary.Updated, summary.Unchanged, summary.Rejected));
        var issue = Assert.Single(summary.Issues);
        Assert.Equal((41 * 4 + 2, "batches[41].figures[2].quantity.unit", IssueSeverity.Error), (issue.Index, issue.Field, issue.Severity));
        foreach (var county in Uploads.Counties)
        {
            Assert.DoesNotContain(await Figures.ListAllAsync(_client, county), f => f.Period.StartsWith("2024", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_upload_must_start_with_exactly_one_header()
    {
        var batch = Uploads.Part("654002", "2025", Figure("GDP", "80", "亿元"));
        List<UploadFiguresRequest>[] wrong =
        [
            [],
            [batch],
            [batch, Uploads.Header("upload-late-header-" + Guid.NewGuid())],
            [Uploads.Header("upload-two-headers-a-" + Guid.NewGuid()), Uploads.Header("upload-two-headers-b-" + Guid.NewGuid()), batch],
            [Uploads.Header("upload-header-between-" + Guid.NewGuid()), batch, Uploads.Header(), Uploads.Part("654003", "2025", Figure("GDP", "81", "亿元"))],
        ];

        foreach (var messages in wrong)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_client, messages));

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal("HEADER_FIRST", Reason(error));
            Assert.Equal([("header", "HEADER_FIRST")], Violations(error));
        }
        Assert.Empty(await Figures.ListAllAsync(_client, "654002", "2025"));
        Assert.Empty(await Figures.ListAllAsync(_client, "654003", "2025"));
    }

    [Fact]
    public async Task The_same_upload_sent_twice_is_answered_alike_and_applied_once()
    {
        var counties = new[] { "654002", "654003", "654004" };
        UploadFiguresRequest[] Batches(string gdp) => [.. counties.Select(county => Uploads.Part(county, "2019",
            Figure("GDP", gdp, "亿元"), Figure("TOURIST_VISITS", "50", "万人次"), Figure("GRAIN_OUTPUT", "21.3", "万吨")))];
        var requestId = "upload-twice-" + Guid.NewGuid();

        var first = await Uploads.SendAsync(_client, [Uploads.Header(requestId), .. Batches("88.8")]);
        var before = await ListAsync(counties, "2019");
        var second = await Uploads.SendAsync(_client, [Uploads.Header(requestId), .. Batches("88.8")]);
        var reused = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_client, [Uploads.Header(requestId), .. Batches("99.9")]));
        var resent = await Uploads.SendAsync(_client, [Uploads.Header("upload-twice-new-id-" + Guid.NewGuid()), .. Batches("88.8")]);

        Assert.Equal((9, 0, 0), (first.Summary.Created, first.Summary.Updated, first.Summary.Unchanged));
        Assert.True(first.LastSequence > 0);
        Assert.Equal(first, second);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", Reason(reused));
        Assert.Equal((0, 0, 9, 0L), (resent.Summary.Created, resent.Summary.Updated, resent.Summary.Unchanged, resent.LastSequence));
        Assert.Equal(before, await ListAsync(counties, "2019"));
        Assert.All(before, f => Assert.Equal((1L, requestId), (f.Revision, f.RequestId)));
        var history = await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654003", Period = "2019", Indicator = "GDP" });
        Assert.Equal("88.8", Assert.Single(history.Revisions).Value.Value.Value);
    }

    [Fact]
    public async Task A_validate_only_upload_counts_as_it_would_apply_and_writes_nothing()
    {
        UploadFiguresRequest[] Batches(string gdp) => [.. Uploads.Counties.Select(county => Uploads.Part(county, "2020",
            Figure("GDP", county == "654025" ? gdp : "60", "亿元"), Figure("TOURIST_VISITS", "50", "万人次"), Figure("FOREIGN_TRADE", "1920", "万美元")))];
        var requestId = "upload-validate-" + Guid.NewGuid();

        var validated = await Uploads.SendAsync(_client, [Uploads.Header(requestId, validateOnly: true), .. Batches("60")]);

        Assert.Equal((33, 0, 0, 0L), (validated.Summary.Created, validated.Summary.Updated, validated.Summary.Unchanged, validated.LastSequence));
        Assert.Empty(await ListAsync(Uploads.Counties, "2020"));

        // Nothing was kept, not even the request id: the same upload for real applies, with the same counts.
        var applied = await Uploads.SendAsync(_client, [Uploads.Header(requestId), .. Batches("60")]);

        Assert.Equal(validated.Summary, applied.Summary);
        Assert.True(applied.LastSequence > 0);
        var stored = await ListAsync(Uploads.Counties, "2020");
        Assert.Equal(33, stored.Count);

        var revalidated = await Uploads.SendAsync(_client, [Uploads.Header("upload-validate-again-" + Guid.NewGuid(), validateOnly: true), .. Batches("61")]);

        Assert.Equal((0, 1, 32, 0L), (revalidated.Summary.Created, revalidated.Summary.Updated, revalidated.Summary.Unchanged, revalidated.LastSequence));
        Assert.Equal(stored, await ListAsync(Uploads.Counties, "2020"));
    }

    [Fact]
    public async Task An_indicator_twice_for_one_unit_and_period_across_batches_is_a_duplicate()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_client,
        [
            Uploads.Header("upload-duplicate-" + Guid.NewGuid()),
            Uploads.Part("654002", "2026", Figure("GDP", "80", "亿元"), Figure("TOURIST_VISITS", "12", "万人次")),
            Uploads.Part("654003", "2026", Figure("GDP", "70", "亿元")),
            Uploads.Part("654002", "2026", Figure("GRAIN_OUTPUT", "20", "万吨"), Figure("GDP", "800000", "万元")),
        ]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("batches[2].figures[1].indicator", "DUPLICATE_INDICATOR")], Violations(error));
        Assert.Empty(await Figures.ListAllAsync(_client, "654002", "2026"));
        Assert.Empty(await Figures.ListAllAsync(_client, "654003", "2026"));
    }

    private async Task<List<Contracts.Indicator.V1.Figure>> ListAsync(IEnumerable<string> counties, string period)
    {
        var all = new List<Contracts.Indicator.V1.Figure>();
        foreach (var county in counties)
        {
            all.AddRange(await Figures.ListAllAsync(_client, county, period));
        }
        return all;
    }

    /// <summary>Canonical decimal text, as the server answers it: no trailing zeros after the point.</summary>
    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Building and sending UploadFigures streams in tests.</summary>
public static class Uploads
{
    /// <summary>The eleven demo counties of prefecture 654000.</summary>
    public static readonly IReadOnlyList<string> Counties =
        ["654002", "654003", "654004", "654021", "654022", "654023", "654024", "654025", "654026", "654027", "654028"];

    public static UploadFiguresRequest Header(string requestId = "", bool validateOnly = false) =>
        new() { Header = new UploadHeader { RequestId = requestId, ValidateOnly = validateOnly } };

    public static UploadFiguresRequest Part(string orgUnit, string period, params FigureInput[] figures)
    {
        var batch = new UploadBatch { OrgUnit = orgUnit, Period = period };
        batch.Figures.AddRange(figures);
        return new UploadFiguresRequest { Batch = batch };
    }

    /// <summary>Sends the messages in order, completes the stream and returns the answer (or throws the error).</summary>
    public static async Task<UploadFiguresResponse> SendAsync(IndicatorService.IndicatorServiceClient client, IEnumerable<UploadFiguresRequest> messages)
    {
        using var call = client.UploadFigures(deadline: DateTime.UtcNow.AddMinutes(3));
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
            // The server ended the call before reading everything (it refused the upload): its answer says why.
        }
        return await call.ResponseAsync;
    }
}
