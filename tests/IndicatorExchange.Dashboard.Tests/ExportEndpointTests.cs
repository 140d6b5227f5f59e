using Grpc.Core;
using IndicatorExchange.Dashboard.Export;
using IndicatorExchange.Dashboard.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>/export.xlsx answers a bad request with the right status and a bilingual message, not 502 or an empty 400.</summary>
public sealed class ExportEndpointTests
{
    private static Func<string, string, UiText, CancellationToken, Task<SummaryTable>> Failing(StatusCode code, string detail) =>
        (_, _, _, _) => Task.FromException<SummaryTable>(new RpcException(new Status(code, detail)));

    [Fact]
    public async Task Without_org_or_period_answers_400_saying_what_is_missing_in_both_languages()
    {
        var result = await ExportEndpoint.ExportAsync(null, "2022", null, Failing(StatusCode.Internal, "not called"), CancellationToken.None);

        var text = Assert.IsType<ContentHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, text.StatusCode);
        Assert.Contains("缺少参数 org 和 period", text.ResponseContent);
        Assert.Contains("the parameters org and period are required", text.ResponseContent);
    }

    [Fact]
    public async Task Unknown_org_unit_answers_404_with_the_bilingual_message()
    {
        var result = await ExportEndpoint.ExportAsync("999999", "2022", "zh",
            Failing(StatusCode.NotFound, "未知单位 999999 / unknown org unit 999999"), CancellationToken.None);

        var text = Assert.IsType<ContentHttpResult>(result);
        Assert.Equal(StatusCodes.Status404NotFound, text.StatusCode);
        Assert.Equal("未找到 / Not found (未知单位 999999 / unknown org unit 999999)", text.ResponseContent);
    }

    [Fact]
    public async Task Period_the_services_refuse_answers_400()
    {
        var result = await ExportEndpoint.ExportAsync("654000", "20X2", "en",
            Failing(StatusCode.InvalidArgument, "期别格式错误 / bad period"), CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ContentHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task Services_failing_still_answer_502()
    {
        var result = await ExportEndpoint.ExportAsync("654000", "2022", "en", Failing(StatusCode.Internal, "boom"), CancellationToken.None);

        Assert.Equal(StatusCodes.Status502BadGateway, Assert.IsType<ContentHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task A_table_answers_with_the_workbook()
    {
        var result = await ExportEndpoint.ExportAsync("654000", "2022", "zh", (_, _, _, _) => Task.FromResult(FakeSummaries.Table()), CancellationToken.None);

        Assert.Equal("summary-654000-2022.xlsx", Assert.IsType<FileStreamHttpResult>(result).FileDownloadName);
    }
}
