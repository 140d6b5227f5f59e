using IndicatorExchange.Dashboard.Data;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Export;

/// <summary>
/// <c>GET /export.xlsx?org=654000&amp;period=2022&amp;lang=zh</c>: the table the page shows, as an Excel file. Without
/// org or period: 400; an unknown org unit or period: 404; a period the services refuse: 400; a token problem: 403;
/// the services failing: 502; each with a bilingual message as plain text.
/// </summary>
public static class ExportEndpoint
{
    public const string Path = "/export.xlsx";

    /// <summary>The answer to a request without org or period.</summary>
    public const string MissingParameters =
        "缺少参数 org 和 period（例如 /export.xlsx?org=654000&period=2022&lang=zh）/ " +
        "the parameters org and period are required (for example /export.xlsx?org=654000&period=2022&lang=en)";

    private const string TextContentType = "text/plain; charset=utf-8";

    public static string Url(string orgUnit, string period, UiText text) =>
        $"{Path}?org={Uri.EscapeDataString(orgUnit)}&period={Uri.EscapeDataString(period)}&lang={text.Code}";

    public static IEndpointRouteBuilder MapSummaryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? org, string? period, string? lang, DashboardQueries queries, HttpContext http) =>
            ExportAsync(org, period, lang, new SummaryTableLoader(queries).LoadAsync, http.RequestAborted));
        return endpoints;
    }

    /// <summary>The answer for one request; <paramref name="load"/> reads the table (the services, or a test's fake).</summary>
    public static async Task<IResult> ExportAsync(string? org, string? period, string? lang,
        Func<string, string, UiText, CancellationToken, Task<SummaryTable>> load, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(org) || string.IsNullOrWhiteSpace(period))
        {
            return Results.Text(MissingParameters, TextContentType, statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            var table = await load(org.Trim(), period.Trim(), UiText.For(lang), cancellationToken);
            var buffer = new MemoryStream();
            await SummaryWorkbook.WriteAsync(buffer, table, cancellationToken);
            buffer.Position = 0;
            return Results.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SummaryWorkbook.FileName(table));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Results.Text(FriendlyError.Bilingual(exception), TextContentType, statusCode: FriendlyError.HttpStatus(exception));
        }
    }
}
