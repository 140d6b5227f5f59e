using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Aggregation.Feed;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Targets;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>What a summary is asked for: one org unit and period, some or all indicators, now or as of a moment.</summary>
public sealed record SummaryQuery(string OrgUnit, string Period, IReadOnlyList<string> Indicators, DateTimeOffset? AsOf, PeriodValues PeriodValues);

/// <summary>
/// Answers summaries: the current year-to-date state from the stored node values and figures; a past moment or values for the
/// period alone by computing from the figures (the same evaluator, so the answers agree).
/// </summary>
public sealed class SummaryBuilder(
    ICatalogSource catalogClient, IRollupStore store, FeedProgress progress, ProgressDecorator? targets = null, RollupSignal? signal = null)
{
    /// <summary>The current rows, invalidated by the rollup engine through the signal; none without one.</summary>
    private readonly SummaryRowCache? cache = signal is null ? null : new SummaryRowCache(signal.Versions);

    public async Task<Summary> BuildAsync(SummaryQuery query, CancellationToken cancellationToken)
    {
        var period = ParsePeriod(query.Period, "period");
        var catalog = await CatalogForAsync(query.OrgUnit, query.Indicators, cancellationToken);
        var asOf = progress.Sequence;
        var periodOnly = query.PeriodValues == PeriodValues.PeriodOnly;
        var summary = new Summary
        {
            OrgUnit = query.OrgUnit,
            Period = period.ToString(),
            AsOfSequence = asOf,
            AsOf = query.AsOf is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            PeriodValues = periodOnly ? PeriodValues.PeriodOnly : PeriodValues.YearToDate,
        };

        if (query.AsOf is null && !periodOnly && cache is not null)
        {
            // The current year-to-date rows: the cached ones while they are valid (targets read before the entry, as below).
            var entry = cache.For(query.OrgUnit, summary.Period, catalog, targets?.Sequence ?? 0);
            if (targets is not null)
            {
                summary.TargetsAsOfSequence = entry.TargetsSequence;
            }
            summary.Rows.AddRange(query.Indicators.Count > 0
                ? await CachedRowsAsync(entry, query, catalog, period, cancellationToken)
                : entry.Stored ?? await StoreAllAsync(entry, query.OrgUnit, catalog, period, cancellationToken));
            return summary;
        }

        IEnumerable<SummaryRow> rows;
        if (query.AsOf is null && !periodOnly)
        {
            rows = await CurrentRowsAsync(query.OrgUnit, query.Indicators, catalog, period, cancellationToken);
        }
        else
        {
            var (evaluator, lastSequence) = await EvaluatorAsync(catalog, [period], query.Indicators, query.AsOf, periodOnly, cancellationToken);
            if (query.AsOf is not null)
            {
                // As of a past moment the summary reflects the revisions received by then, not the feed's current position.
                summary.AsOfSequence = Math.Min(asOf, lastSequence);
            }
            var indicators = query.Indicators.Count > 0
                ? query.Indicators.Distinct().Select(code => catalog.IndicatorsByCode[code])
                : catalog.Indicators;
            rows = indicators.Select(indicator => SummaryRowBuilder.Build(evaluator, query.OrgUnit, indicator, period))
                .Where(row => query.Indicators.Count > 0 || row.ReportedCount > 0);
        }
        summary.Rows.AddRange(rows.OrderBy(r => r.Indicator, StringComparer.Ordinal));
        if (!periodOnly && targets is not null)
        {
            summary.TargetsAsOfSequence = targets.Sequence;
            foreach (var row in summary.Rows)
            {
                targets.Decorate(row, query.OrgUnit, period, catalog.IndicatorsByCode[row.Indicator]);
            }
        }
        return summary;
    }

    /// <summary>
    /// The current rows of the given indicators (every indicator the node has a stored value of when none is given),
    /// undecorated: each built from its children's current values, the stored values of the inner children and the figures
    /// of the leaf children (with the prior year's and the weight indicator's beside them), read in one snapshot. An
    /// indicator asked for that nothing below the node reported has its row without data.
    /// </summary>
    public async Task<List<SummaryRow>> CurrentRowsAsync(string orgUnit, IReadOnlyList<string> indicators, CatalogSnapshot catalog, Period period,
        CancellationToken cancellationToken)
    {
        var tree = catalog.Tree;
        var children = tree.ChildrenOf(orgUnit).Select(u => u.Code).ToList();
        var innerChildren = children.Where(code => !tree.IsLeaf(code)).ToList();
        var leafChildren = children.Where(tree.IsLeaf).ToList();
        var asked = indicators.Distinct().ToList();
        var codes = catalog.WithWeights(asked.Count > 0 ? asked : catalog.Indicators.Select(i => i.Code));
        var text = period.ToString();
        var weightCodes = WeightFallback.WeightIndicators(catalog, codes);
        var inputs = await store.ReadSummaryInputsAsync([orgUnit, .. innerChildren], leafChildren, text, [text, period.PriorYear().ToString()],
            codes, weightCodes.Count > 0 ? WeightFallback.FallbackPeriods([period]) : [], weightCodes, cancellationToken);
        var values = new NodeValueCache();
        foreach (var child in innerChildren)
        {
            foreach (var code in codes)
            {
                values.Set((child, code, period), (null, false)); // nothing stored: nothing below it reported
            }
        }
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in inputs.Values)
        {
            if (stored.OrgUnit == orgUnit)
            {
                own.Add(stored.Indicator);
            }
            else
            {
                values.Set((stored.OrgUnit, stored.Indicator, period), (NodeValueCodec.Decode(stored.Value), true));
            }
        }
        var evaluator = new NodeEvaluator(tree, catalog.IndicatorsByCode, new FigureIndex(inputs.Figures), catalog.Deadlines, values);
        return (asked.Count > 0 ? asked : catalog.Indicators.Select(i => i.Code).Where(own.Contains))
            .Select(code => SummaryRowBuilder.Build(evaluator, orgUnit, catalog.IndicatorsByCode[code], period))
            .ToList();
    }

    /// <summary>The rows of the given indicators from the cache entry, reading (and keeping) those it does not hold yet.</summary>
    private async Task<IEnumerable<SummaryRow>> CachedRowsAsync(SummaryRowCache.Entry entry, SummaryQuery query, CatalogSnapshot catalog, Period period,
        CancellationToken cancellationToken)
    {
        var codes = query.Indicators.Distinct().ToList();
        var missing = codes.Where(code => entry.Row(code) is null).ToList();
        if (missing.Count > 0)
        {
            foreach (var row in await CurrentRowsAsync(query.OrgUnit, missing, catalog, period, cancellationToken))
            {
                entry.Add(Decorated(row, query.OrgUnit, catalog, period));
            }
        }
        return codes.Select(code => entry.Row(code)!).OrderBy(r => r.Indicator, StringComparer.Ordinal);
    }

    /// <summary>Reads every stored row of the entry's org unit and period into it: the full table.</summary>
    private async Task<IReadOnlyList<SummaryRow>> StoreAllAsync(SummaryRowCache.Entry entry, string orgUnit, CatalogSnapshot catalog, Period period,
        CancellationToken cancellationToken)
    {
        var rows = (await CurrentRowsAsync(orgUnit, [], catalog, period, cancellationToken))
            .OrderBy(r => r.Indicator, StringComparer.Ordinal)
            .Select(row => Decorated(row, orgUnit, catalog, period))
            .ToList();
        entry.SetStored(rows);
        return rows;
    }

    private SummaryRow Decorated(SummaryRow row, string orgUnit, CatalogSnapshot catalog, Period period)
    {
        targets?.Decorate(row, orgUnit, period, catalog.IndicatorsByCode[row.Indicator]);
        return row;
    }

    /// <summary>One indicator of one org unit over a range of periods of one length.</summary>
    public async Task<ListSeriesResponse> SeriesAsync(ListSeriesRequest request, CancellationToken cancellationToken)
    {
        var from = ParsePeriod(request.FromPeriod, "from_period");
        var to = ParsePeriod(request.ToPeriod, "to_period");
        var periods = Range(from, to);
        var catalog = await CatalogForAsync(request.OrgUnit, [request.Indicator], cancellationToken, single: true);
        var indicator = catalog.IndicatorsByCode[request.Indicator];
        var periodOnly = request.PeriodValues == PeriodValues.PeriodOnly;
        var (evaluator, _) = await EvaluatorAsync(catalog, periods, [indicator.Code], asOf: null, periodOnly, cancellationToken);
        var response = new ListSeriesResponse { Unit = indicator.Unit };
        foreach (var period in periods)
        {
            response.Points.Add(SeriesPointBuilder.Build(evaluator, request.OrgUnit, indicator, period));
        }
        return response;
    }

    /// <summary>An evaluator over the figures of these periods (now or as of a moment), and the newest sequence among the revisions it read.</summary>
    private async Task<(NodeEvaluator Evaluator, long LastSequence)> EvaluatorAsync(CatalogSnapshot catalog, IReadOnlyList<Period> periods, IReadOnlyList<string> indicators,
        DateTimeOffset? asOf, bool periodOnly, CancellationToken cancellationToken)
    {
        var wanted = periods.Concat(periods.Select(p => p.PriorYear())).Distinct().ToList();
        var read = (periodOnly ? wanted.SelectMany(PeriodOnlyValues.Inputs) : wanted).Select(p => p.ToString()).ToHashSet();
        var codes = catalog.WithWeights(indicators);
        var asOfText = asOf?.ToUniversalTime().ToString("O");
        var figures = asOfText is not null
            ? await store.ReadAsOfAsync(read, codes, asOfText, cancellationToken)
            : await store.ReadAsync(read, codes, cancellationToken);
        // The weights' figures of the periods a missing weight falls back to (a year-end population).
        var weightCodes = WeightFallback.WeightIndicators(catalog, indicators.Count > 0 ? indicators : catalog.Indicators.Select(i => i.Code));
        var fallbacks = weightCodes.Count > 0 ? WeightFallback.FallbackPeriods(periods) : [];
        fallbacks.ExceptWith(read);
        if (fallbacks.Count > 0)
        {
            figures = [.. figures, .. asOfText is not null
                ? await store.ReadAsOfAsync(fallbacks, weightCodes, asOfText, cancellationToken)
                : await store.ReadAsync(fallbacks, weightCodes, cancellationToken)];
        }
        var lastSequence = 0L;
        foreach (var figure in figures)
        {
            lastSequence = Math.Max(lastSequence, figure.Sequence);
        }
        var index = new FigureIndex(figures);
        if (periodOnly)
        {
            index = PeriodOnlyValues.Derive(index, catalog.IndicatorsByCode, [.. wanted, .. fallbacks.Select(Period.Parse)]);
        }
        return (new NodeEvaluator(catalog.Tree, catalog.IndicatorsByCode, index, catalog.Deadlines), lastSequence);
    }

    /// <summary>The catalog, refreshed when it does not know a code asked for; NOT_FOUND / INVALID_ARGUMENT otherwise.</summary>
    private async Task<CatalogSnapshot> CatalogForAsync(string orgUnit, IReadOnlyList<string> indicators, CancellationToken cancellationToken, bool single = false)
    {
        var catalog = await catalogClient.GetAsync(cancellationToken);
        if (!catalog.Tree.TryGet(orgUnit, out _) || indicators.Any(code => !catalog.IndicatorsByCode.ContainsKey(code)))
        {
            catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        }
        if (!catalog.Tree.TryGet(orgUnit, out _))
        {
            throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", $"单位不存在 / org unit {InputText.Echo(orgUnit)} not found");
        }
        var unknown = indicators.Select((code, i) => (code, i)).Where(x => !catalog.IndicatorsByCode.ContainsKey(x.code)).ToList();
        if (unknown.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("UNKNOWN_INDICATOR", "指标代码不在目录中 / unknown indicator code(s)",
                unknown.Select(x => new FieldProblem(single ? "indicator" : $"indicators[{x.i}]", "UNKNOWN_INDICATOR", $"{InputText.Echo(x.code)} is not in the catalog")));
        }
        return catalog;
    }

    private const int MaxSeriesLength = 240;

    private static IReadOnlyList<Period> Range(Period from, Period to)
    {
        if (from.Kind != to.Kind)
        {
            throw GrpcErrors.InvalidArgument("to_period", "PERIOD_KIND_MISMATCH", "起止报告期长度须一致 / from_period and to_period must be periods of the same length");
        }
        var periods = new List<Period>();
        for (var p = from; Compare(p, to) <= 0; p = Next(p))
        {
            if (periods.Count == MaxSeriesLength)
            {
                throw GrpcErrors.InvalidArgument("to_period", "SERIES_TOO_LONG", $"最多 {MaxSeriesLength} 个报告期 / at most {MaxSeriesLength} periods");
            }
            periods.Add(p);
        }
        return periods.Count > 0
            ? periods
            : throw GrpcErrors.InvalidArgument("to_period", "EMPTY_RANGE", "截止报告期早于起始报告期 / to_period is before from_period");
    }

    private static int Compare(Period a, Period b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Number.CompareTo(b.Number);

    private static Period Next(Period p) => p.Kind switch
    {
        PeriodKind.Annual => p with { Year = p.Year + 1 },
        PeriodKind.Quarterly => p.Number == 4 ? new Period(p.Year + 1, p.Kind, 1) : p with { Number = p.Number + 1 },
        _ => p.Number == 12 ? new Period(p.Year + 1, p.Kind, 1) : p with { Number = p.Number + 1 },
    };

    private static Period ParsePeriod(string code, string field) =>
        Period.TryParse(code, out var period)
            ? period
            : throw GrpcErrors.InvalidArgument(field, "INVALID_PERIOD",
                $"报告期格式应为 2023、2023Q3 或 2023M09 / {field} {InputText.Echo(code)} is not a code like 2023, 2023Q3 or 2023M09");
}
