using IndicatorExchange.Dashboard.Data;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Export;

/// <summary><c>GET /export.xlsx?org=654000&amp;period=2022&amp;lang=zh</c>: the table the page shows, as an Excel file.</summary>
public static class ExportEndpoint
{
    public const string Path = "/export.xlsx";

    public static string Url(string orgUnit, string period, UiText text) =>
        $"{Path}?org={Uri.EscapeDataString(orgUnit)}&period={Uri.EscapeDataString(period)}&lang={text.Code}";

    public static IEndpointRouteBuilder MapSummaryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (string org, string period, string? lang, DashboardQueries queries, HttpContext http) =>
        {
            var text = UiText.For(lang);
            try
            {
                var table = await new SummaryTableLoader(queries).LoadAsync(org, period, text, http.RequestAborted);
                var buffer = new MemoryStream();
                await SummaryWorkbook.WriteAsync(buffer, table, http.RequestAborted);
                buffer.Position = 0;
                return Results.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SummaryWorkbook.FileName(table));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var status = FriendlyError.IsAccessProblem(exception) ? StatusCodes.Status403Forbidden : StatusCodes.Status502BadGateway;
                return Results.Text(FriendlyError.Describe(exception, text), statusCode: status);
            }
        });
        return endpoints;
    }
}
