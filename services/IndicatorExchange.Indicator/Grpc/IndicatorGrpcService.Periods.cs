using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Indicator.Grpc;

internal sealed partial class IndicatorGrpcService
{
    public override async Task<ListPeriodsResponse> ListPeriods(ListPeriodsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var ordered = reference.Periods.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var (page, next) = Page(ordered, p => p.Code, request.PageToken, request.PageSize, p => p.ToProto());
        return new ListPeriodsResponse { Periods = { page }, NextPageToken = next };
    }

    public override async Task<OpenPeriodResponse> OpenPeriod(OpenPeriodRequest request, ServerCallContext context)
    {
        var period = ParsePeriodCode(request.Code);
        var deadline = WireTime.Read(request.Deadline, "deadline") ?? ReportingCalendar.DefaultDeadline(period);
        var record = new PeriodRecord
        {
            Code = period.ToString(),
            State = "open",
            Deadline = deadline.ToUniversalTime().ToString("O"),
            OpenedAt = clock.GetUtcNow().ToString("O"),
        };
        await referenceData.Store.UpsertPeriodAsync(record, context.CancellationToken);
        referenceData.Invalidate();
        return new OpenPeriodResponse { Period = record.ToProto() };
    }

    public override async Task<ClosePeriodResponse> ClosePeriod(ClosePeriodRequest request, ServerCallContext context)
    {
        var period = ParsePeriodCode(request.Code);
        var reference = await referenceData.GetAsync(context.CancellationToken);
        if (!reference.Periods.TryGetValue(period.ToString(), out var existing))
        {
            throw GrpcErrors.NotFound("PERIOD_NOT_FOUND", IndicatorMessages.PeriodNeverOpened(period));
        }
        var record = existing with { State = "closed", ClosedAt = clock.GetUtcNow().ToString("O") };
        await referenceData.Store.UpsertPeriodAsync(record, context.CancellationToken);
        referenceData.Invalidate();
        return new ClosePeriodResponse { Period = record.ToProto() };
    }

    private static Period ParsePeriodCode(string code) =>
        Period.TryParse(code, out var period)
            ? period
            : throw GrpcErrors.InvalidArgument("code", "INVALID_PERIOD", IndicatorMessages.PeriodInvalid(code));
}
