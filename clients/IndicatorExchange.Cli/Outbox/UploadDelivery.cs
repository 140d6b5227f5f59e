using Grpc.Core;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using Spectre.Console;

namespace IndicatorExchange.Cli.Outbox;

/// <summary>What flushing the outbox did.</summary>
public sealed record FlushResult(int Delivered, int Rejected, int Remaining, bool Unreachable);

/// <summary>
/// Sends uploads: one push, or the outbox in the order it was queued. Delivery is exactly once because every
/// upload keeps its request id: a repeat after a lost answer is answered with the first answer, and an entry
/// leaves the outbox only after an acknowledged answer.
/// </summary>
public sealed class UploadDelivery(IndicatorExchangeClient client, OutboxStore store, Terminal terminal)
{
    /// <summary>From this many figures on, an interactive terminal shows a progress bar.</summary>
    public const int ProgressBarFigures = 2000;

    public async Task<UploadFiguresResponse> SendAsync(UploadPlan plan, bool validateOnly, CancellationToken cancellation)
    {
        if (!terminal.Interactive || plan.FigureCount < ProgressBarFigures)
        {
            return await client.UploadFiguresAsync(plan.RequestId, plan.Batches, validateOnly, progress: null, cancellation);
        }
        UploadFiguresResponse? response = null;
        await terminal.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"上传 Uploading {plan.FigureCount} figures", maxValue: plan.FigureCount);
                var progress = new FigureProgress(task);
                response = await client.UploadFiguresAsync(plan.RequestId, plan.Batches, validateOnly, progress, cancellation);
                task.Value = task.MaxValue;
            });
        return response!;
    }

    /// <summary>
    /// Delivers the queued uploads oldest first. Stops at the first one the service cannot be reached for (keeping
    /// the order); one the service rejects is reported with its rows and removed (it can never be accepted as is).
    /// </summary>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellation, bool quietWhenEmpty = false)
    {
        var queued = await store.ListAsync();
        if (queued.Count == 0)
        {
            if (!quietWhenEmpty)
            {
                terminal.Line("发件箱为空 The outbox is empty: nothing to deliver.");
            }
            return new FlushResult(0, 0, 0, false);
        }
        terminal.Line($"发件箱 Delivering {queued.Count} queued upload(s) from {store.Path}...");
        var delivered = 0;
        var rejected = 0;
        foreach (var upload in queued)
        {
            var plan = await store.LoadPlanAsync(upload);
            try
            {
                var response = await SendAsync(plan, validateOnly: false, cancellation);
                await store.RecordDeliveryAsync(plan, upload.Id);
                delivered++;
                terminal.Line($"#{upload.Id} delivered:");
                ImportReport.WriteAccepted(terminal, plan, response, dryRun: false);
            }
            catch (Exception exception) when (Failures.IsUnreachable(exception))
            {
                await store.RecordFailedAttemptAsync(upload.Id, Failures.Describe(exception));
                var remaining = queued.Count - delivered - rejected;
                terminal.Fail($"服务不可达 Service unreachable: {Failures.Describe(exception)}. {remaining} upload(s) still wait in the outbox (ixc outbox list).");
                return new FlushResult(delivered, rejected, remaining, true);
            }
            catch (RpcException exception)
            {
                await store.RemoveAsync(upload.Id);
                rejected++;
                terminal.Fail($"#{upload.Id} rejected and removed from the outbox (correct {plan.File} and push it again):");
                ImportReport.WriteRejected(terminal, plan, exception);
            }
        }
        return new FlushResult(delivered, rejected, 0, false);
    }

    /// <summary>Moves the bar to the figures sent so far (a retried upload starts again from 0).</summary>
    private sealed class FigureProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
