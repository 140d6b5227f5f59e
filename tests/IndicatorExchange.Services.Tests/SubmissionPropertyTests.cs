using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Property: for any sequence of batches (SubmitFigures or UploadFigures; applied, validate_only, rejected,
/// resent unchanged in another unit, retried with the same request id), the current figures are the last
/// accepted value of each figure, normalised exactly; unchanged resends and validate_only add no revision;
/// and the last revision of each history, and a replay of the revision listing, give the current figures.
/// Every case works on an org unit of its own, created for it, in one shared suite.
/// </summary>
public sealed partial class SubmissionPropertyTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private static readonly string[] Periods = ["2023", "2024Q2"];

    /// <summary>Annual and quarterly indicators of six dimensions, canonical units with 万, 亿 or neither.</summary>
    private static readonly string[] Indicators = ["GDP", "FOREIGN_TRADE", "TOURIST_VISITS", "NEW_URBAN_JOBS", "ONLINE_SALES", "NEW_MARKET_ENTITIES"];

    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());
    private int _cases;

    private enum StepKind
    {
        Submit,
        ValidateOnly,
        Invalid,
        Resend,
        Retry,
    }

    /// <param name="Value">The value to send; for a resend, only whether it is even (then a trailing zero is added) counts.</param>
    private sealed record FigureSpec(string Indicator, decimal Value, string Unit)
    {
        public override string ToString() => $"{Indicator}={Value.ToString(CultureInfo.InvariantCulture)}{Unit}";

        public string AsResend() => $"{Indicator} as {Unit}{(Value % 2 == 0 ? " with a trailing zero" : "")}";
    }

    private sealed record PartSpec(string Period, FigureSpec[] Figures);

    /// <param name="Pick">Chooses the bad figure of an invalid step and how it is bad.</param>
    private sealed record Step(StepKind Kind, PartSpec[] Parts, bool Upload, bool WithRequestId, int Pick)
    {
        public override string ToString() => Kind == StepKind.Retry ? "Retry of the last applied request that had an id" :
            $"{Kind}{(Upload ? " upload" : "")}{(WithRequestId ? " id" : "")}{(Kind == StepKind.Invalid ? $" pick={Pick}" : "")} " +
            string.Join(" ", Parts.Select(p => $"{p.Period}[{string.Join(", ", p.Figures.Select(f => Kind == StepKind.Resend ? f.AsResend() : f.ToString()))}]"));
    }

    private sealed record Case(Step[] Steps)
    {
        public override string ToString() => string.Join(Environment.NewLine, Steps.Select((s, n) => $"  {n}: {s}").Prepend("Case:"));
    }

    /// <summary>What the test expects of one figure: its last accepted value and every revision so far.</summary>
    private sealed class Expected(string canonicalUnit)
    {
        public string CanonicalUnit { get; } = canonicalUnit;
        public decimal Value { get; set; }
        public string SentText { get; set; } = "";
        public string SentUnit { get; set; } = "";
        public List<(string Value, string RequestId)> Revisions { get; } = [];
    }

    [Fact]
    public async Task Current_figures_are_the_last_accepted_values_whatever_the_sequence_of_batches()
    {
        var units = new Dictionary<string, (string Canonical, string[] Accepted)>();
        foreach (var code in Indicators)
        {
            var indicator = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = code })).Indicator;
            units[code] = (indicator.Unit, [.. indicator.AcceptedUnits]);
            Assert.Contains(indicator.Unit, indicator.AcceptedUnits);
            Assert.Contains(PeriodKind.Annual, indicator.Periodicities);
            Assert.Contains(PeriodKind.Quarterly, indicator.Periodicities);
        }

        var property = Prop.ForAll(Arb.From(CaseGen(units), Shrink), (Func<Case, Task>)(c => RunCaseAsync(c, units)));
        // Off the test's synchronisation context: FsCheck waits for each case's task.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property));

        Assert.True(_cases >= 100, $"only {_cases} cases ran");
    }

    [Fact]
    public async Task A_value_that_cannot_be_normalised_exactly_is_refused_not_rounded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SubmitFiguresAsync(Batch("654002", "2023", Figure("GDP", "0.000000000000000000001", "元"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(Violations(error), v => v.Field == "figures[0].quantity.value");
        Assert.Empty(await Figures.ListAllAsync(_client, "654002", "2023"));
    }

    private static Gen<Case> CaseGen(Dictionary<string, (string Canonical, string[] Accepted)> units)
    {
        // Mostly arbitrary values, often small round ones so that equal values (in other units too) recur;
        // the scale is kept as generated, so "15.00" is sent as such.
        var values =
            from mantissa in Gen.Frequency((2, Gen.Elements(0, 1, 15, 150, 1500, 15000)), (3, Gen.Choose(0, 10_000_000)))
            from scale in Gen.Choose(0, 4)
            select new decimal(mantissa, 0, 0, false, (byte)scale);
        Gen<FigureSpec> FigureOf(string indicator) =>
            from value in values
            from unit in Gen.Elements(units[indicator].Accepted)
            select new FigureSpec(indicator, value, unit);
        Gen<PartSpec> PartOf(string period) =>
            from count in Gen.Choose(1, 4)
            from shuffled in Gen.Shuffle(Indicators)
            from figures in Gen.CollectToArray(shuffled.Take(count), FigureOf)
            select new PartSpec(period, figures);
        var steps =
            from kind in Gen.Frequency(
                (5, Gen.Constant(StepKind.Submit)), (2, Gen.Constant(StepKind.ValidateOnly)), (3, Gen.Constant(StepKind.Resend)),
                (1, Gen.Constant(StepKind.Invalid)), (1, Gen.Constant(StepKind.Retry)))
            from partCount in Gen.Choose(1, 2)
            from periods in Gen.Shuffle(Periods)
            from parts in Gen.CollectToArray(periods.Take(partCount), PartOf)
            from upload in partCount == 2 ? Gen.Constant(true) : Gen.Elements(false, false, true)
            from withRequestId in Gen.Elements(true, true, false)
            from pick in Gen.Choose(0, 1_000_000)
            select new Step(kind, parts, upload, withRequestId, pick);
        return
            from count in Gen.Choose(2, 8)
            from chosen in Gen.ArrayOf(steps, count)
            select new Case(chosen);
    }

    /// <summary>Shrinks a failing case by leaving out one step at a time.</summary>
    private static IEnumerable<Case> Shrink(Case @case) =>
        Enumerable.Range(0, @case.Steps.Length).Where(_ => @case.Steps.Length > 1)
            .Select(n => new Case([.. @case.Steps.Take(n), .. @case.Steps.Skip(n + 1)]));

    private async Task RunCaseAsync(Case @case, Dictionary<string, (string Canonical, string[] Accepted)> units)
    {
        var orgUnit = $"7{Interlocked.Increment(ref _cases):D5}";
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = orgUnit, NameZh = $"性质测试{orgUnit}", NameEn = $"Property case {orgUnit}", Level = OrgUnitLevel.County, ParentCode = "654000" },
        });
        var expected = new Dictionary<(string Period, string Indicator), Expected>();
        long lastSequence = 0;
        (Func<Task<IMessage>> Send, IMessage Answer)? retryable = null;

        foreach (var (step, n) in @case.Steps.Select((step, n) => (step, n)))
        {
            var context = $"org {orgUnit}, step {n}: {step}";
            var requestId = step.WithRequestId ? $"{orgUnit}-{n}-{Guid.NewGuid():N}" : "";
            if (step.Kind == StepKind.Retry)
            {
                if (retryable is { } earlier)
                {
                    Assert.True(earlier.Answer.Equals(await earlier.Send()), $"{context}: a retry was answered differently");
                }
                continue;
            }

            // The figures to send: (part, period, input, normalised value, sent value).
            var parts = new List<(string Period, List<(FigureInput Input, decimal Normalised, decimal Sent)> Figures)>();
            foreach (var part in step.Parts)
            {
                var figures = new List<(FigureInput, decimal, decimal)>();
                foreach (var spec in part.Figures)
                {
                    var canonical = units[spec.Indicator].Canonical;
                    if (step.Kind == StepKind.Resend)
                    {
                        // The current value again, in the unit of the spec, sometimes with a trailing zero.
                        if (!expected.TryGetValue((part.Period, spec.Indicator), out var current))
                        {
                            continue;
                        }
                        var sent = Convert(current.Value, canonical, spec.Unit);
                        var text = Text(sent);
                        if (spec.Value % 2 == 0)
                        {
                            text += text.Contains('.') ? "0" : ".0";
                        }
                        figures.Add((Figure(spec.Indicator, text, spec.Unit), current.Value, sent));
                    }
                    else
                    {
                        figures.Add((Figure(spec.Indicator, spec.Value.ToString(CultureInfo.InvariantCulture), spec.Unit),
                            Convert(spec.Value, spec.Unit, canonical), spec.Value));
                    }
                }
                if (figures.Count > 0)
                {
                    parts.Add((part.Period, figures));
                }
            }
            if (parts.Count == 0)
            {
                continue;
            }

            string? badField = null;
            if (step.Kind == StepKind.Invalid)
            {
                var all = parts.SelectMany((p, k) => p.Figures.Select((_, i) => (k, i))).ToList();
                var (k, i) = all[step.Pick % all.Count];
                var input = parts[k].Figures[i].Input;
                var prefix = step.Upload ? $"batches[{k}].figures[{i}]" : $"figures[{i}]";
                if (step.Pick / all.Count % 2 == 0)
                {
                    input.Quantity.Value.Value = "-1";
                    badField = prefix + ".quantity.value";
                }
                else
                {
                    input.Quantity.Unit = "吨";
                    badField = prefix + ".quantity.unit";
                }
            }

            // What the batch does, figure by figure, against the figures as the test knows them.
            int created = 0, updated = 0, unchanged = 0;
            foreach (var (period, figures) in parts)
            {
                foreach (var (input, normalised, _) in figures)
                {
                    if (!expected.TryGetValue((period, input.Indicator), out var current))
                    {
                        created++;
                    }
                    else if (current.Value == normalised)
                    {
                        unchanged++;
                    }
                    else
                    {
                        updated++;
                    }
                }
            }

            var validateOnly = step.Kind == StepKind.ValidateOnly;
            Func<Task<IMessage>> send;
            if (step.Upload)
            {
                List<UploadFiguresRequest> messages = [Uploads.Header(requestId, validateOnly), .. parts.Select(p => Uploads.Part(orgUnit, p.Period, [.. p.Figures.Select(f => f.Input)]))];
                send = async () => await Uploads.SendAsync(_client, messages);
            }
            else
            {
                var request = Batch(orgUnit, parts[0].Period, [.. parts[0].Figures.Select(f => f.Input)]);
                request.RequestId = requestId;
                request.ValidateOnly = validateOnly;
                send = async () => await _client.SubmitFiguresAsync(request);
            }

            if (badField is not null)
            {
                var error = await Assert.ThrowsAsync<RpcException>(send);
                Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{context}: {error.Status}");
                Assert.Equal([badField], Violations(error).Select(v => v.Field));
                continue;
            }

            var answer = await send();
            var (summary, sequence) = answer switch
            {
                SubmitFiguresResponse s => (s.Summary, s.LastSequence),
                UploadFiguresResponse u => (u.Summary, u.LastSequence),
                _ => throw new InvalidOperationException(answer.GetType().Name),
            };
            Assert.True((created, updated, unchanged, 0) == (summary.Created, summary.Updated, summary.Unchanged, summary.Rejected),
                $"{context}: expected {(created, updated, unchanged)}, answered {summary}");
            Assert.All(summary.Issues, issue => Assert.Equal(IssueSeverity.Warning, issue.Severity));
            if (validateOnly || created + updated == 0)
            {
                Assert.True(sequence == 0, $"{context}: last_sequence {sequence} though nothing was written");
                continue;
            }
            Assert.True(sequence > lastSequence, $"{context}: last_sequence {sequence} not after {lastSequence}");
            lastSequence = sequence;
            if (requestId.Length > 0)
            {
                retryable = (send, answer);
            }
            foreach (var (period, figures) in parts)
            {
                foreach (var (input, normalised, sent) in figures)
                {
                    var key = (period, input.Indicator);
                    if (!expected.TryGetValue(key, out var current))
                    {
                        expected[key] = current = new Expected(units[input.Indicator].Canonical);
                    }
                    else if (current.Value == normalised)
                    {
                        continue;
                    }
                    current.Value = normalised;
                    current.SentText = Text(sent);
                    current.SentUnit = input.Quantity.Unit;
                    current.Revisions.Add((Text(normalised), requestId));
                }
            }
        }

        await VerifyAsync(orgUnit, expected, $"org {orgUnit}");
    }

    private async Task VerifyAsync(string orgUnit, Dictionary<(string Period, string Indicator), Expected> expected, string context)
    {
        // Current values: exactly the last accepted value of each figure, normalised, with what was sent.
        var current = (await Figures.ListAllAsync(_client, orgUnit)).ToDictionary(f => (f.Period, f.Indicator));
        Assert.True(expected.Keys.Order().SequenceEqual(current.Keys.Order()),
            $"{context}: figures {string.Join(",", current.Keys)}, expected {string.Join(",", expected.Keys)}");
        foreach (var (key, figure) in current)
        {
            var want = expected[key];
            Assert.True(CanonicalDecimal().IsMatch(figure.Value.Value.Value), $"{context}: {key} value '{figure.Value.Value.Value}' is not canonical");
            Assert.True(
                (Text(want.Value), want.CanonicalUnit, want.SentText, want.SentUnit, (long)want.Revisions.Count, want.Revisions[^1].RequestId)
                == (figure.Value.Value.Value, figure.Value.Unit, figure.Sent.Value.Value, figure.Sent.Unit, figure.Revision, figure.RequestId),
                $"{context}: {key} is {figure}, expected {Text(want.Value)} {want.CanonicalUnit} sent as {want.SentText} {want.SentUnit}, revision {want.Revisions.Count}");
        }

        // Every history: one revision per accepted change, oldest first; replaying the last ones gives the current values.
        var replayed = new Dictionary<(string, string), Figure>();
        foreach (var period in Periods)
        {
            foreach (var indicator in Indicators)
            {
                var request = new GetFigureHistoryRequest { OrgUnit = orgUnit, Period = period, Indicator = indicator };
                if (!expected.TryGetValue((period, indicator), out var want))
                {
                    var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetFigureHistoryAsync(request).ResponseAsync);
                    Assert.Equal(StatusCode.NotFound, error.StatusCode);
                    continue;
                }
                var revisions = (await _client.GetFigureHistoryAsync(request)).Revisions;
                Assert.True(want.Revisions.SequenceEqual(revisions.Select(r => (r.Value.Value.Value, r.RequestId))),
                    $"{context}: history of {period} {indicator} is [{string.Join(", ", revisions.Select(r => r.Value.Value.Value))}], expected [{string.Join(", ", want.Revisions.Select(r => r.Value))}]");
                Assert.Equal(Enumerable.Range(1, revisions.Count).Select(r => (long)r), revisions.Select(r => r.Revision));
                Assert.Equal(revisions.Select(r => r.Sequence).Prepend(0).SkipLast(1), revisions.Select(r => r.ReplacesSequence));
                replayed[(period, indicator)] = revisions[^1];
            }
        }
        Assert.Equal(current.Count, replayed.Count);
        Assert.All(replayed, pair => Assert.Equal(current[pair.Key], pair.Value));

        // The revision listing of the unit, replayed in sequence order, ends at the current values too.
        var listed = new List<Figure>();
        var token = "";
        do
        {
            var page = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { OrgUnit = orgUnit, PageSize = 7, PageToken = token });
            listed.AddRange(page.Revisions);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(expected.Values.Sum(e => e.Revisions.Count), listed.Count);
        Assert.True(listed.Zip(listed.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), $"{context}: revisions out of sequence order");
        var fromFeed = new Dictionary<(string, string), Figure>();
        foreach (var revision in listed)
        {
            fromFeed[(revision.Period, revision.Indicator)] = revision;
        }
        Assert.All(fromFeed, pair => Assert.Equal(current[pair.Key], pair.Value));
    }

    /// <summary>Exact conversion between units of one dimension: 万 is 10^4, 亿 10^8. Fails the test if decimal would round.</summary>
    private static decimal Convert(decimal value, string from, string to)
    {
        var shift = Exponent(from) - Exponent(to);
        var factor = 1m;
        for (var i = 0; i < Math.Abs(shift); i++)
        {
            factor *= 10m;
        }
        var converted = shift >= 0 ? value * factor : value / factor;
        Assert.Equal(value, shift >= 0 ? converted / factor : converted * factor);
        return converted;
    }

    private static int Exponent(string unit) => unit.StartsWith('亿') ? 8 : unit.StartsWith('万') ? 4 : 0;

    /// <summary>Canonical decimal text: no trailing zeros after the point.</summary>
    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")]
    private static partial Regex CanonicalDecimal();
}
