using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Targets;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>What a summary is asked for: one org unit and period, some or all indicators, now or as of a moment.</summary>
internal sealed record SummaryQuery(string OrgUnit, string Period, IReadOnlyList<string> Indicators, DateTimeOffset? AsOf, PeriodValues PeriodValues);

/// <summary>
/// Answers summaries: the current year-to-date state from the stored node values and figures; a past moment or values for the
/// period alone by computing from the figures (the same evaluator, so the answers agree).
/// </summary>
internal sealed class SummaryBuilder(
    ICatalogSource catalogClient, IRollupStore store, FeedProgress progress, ProgressDecorator? targets = null, RollupSignal? signal = null)
{
    /// <summary>The current rows, invalidated by the rollup engine through the signal; none without one.</summary>
    private readonly SummaryRowCache? cache = signal is null ? null : new SummaryRowCache(signal.Versions);

    public async Task<Summary> BuildAsync(SummaryQuery query, CancellationToken cancellationToken)
    {
        var period = RequestPeriods.Parse(query.Period, "period");
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
            var entry = cache.For(new SummaryKey(query.OrgUnit, period), catalog, targets?.Sequence ?? 0);
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
        var weightCodes = WeightFallback.WeightIndicators(catalog.IndicatorsByCode, codes);
        var inputs = await store.ReadSummaryInputsAsync([orgUnit, .. innerChildren], leafChildren, period, [period, period.PriorYear()],
            codes, weightCodes.Count > 0 ? WeightFallback.FallbackPeriods([period]) : [], weightCodes, cancellationToken);
        var values = new NodeValueCache();
        foreach (var child in innerChildren)
        {
            foreach (var code in codes)
            {
                values.Set(new NodeKey(child, period, code), (null, false)); // nothing stored: nothing below it reported
            }
        }
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in inputs.Values)
        {
            if (stored.Key.OrgUnit == orgUnit)
            {
                own.Add(stored.Key.Indicator);
            }
            else
            {
                values.Set(stored.Key, (stored.Value, true));
            }
        }
        var evaluator = new NodeEvaluator(tree, catalog.IndicatorsByCode, FigureRow.Index(inputs.Figures), catalog.Deadlines, values);
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
        var from = RequestPeriods.Parse(request.FromPeriod, "from_period");
        var to = RequestPeriods.Parse(request.ToPeriod, "to_period");
        var periods = RequestPeriods.Range(from, to);
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
        var read = (periodOnly ? wanted.SelectMany(PeriodOnlyValues.Inputs) : wanted).ToHashSet();
        var codes = catalog.WithWeights(indicators);
        var figures = asOf is { } at
            ? await store.ReadAsOfAsync(read, codes, at, cancellationToken)
            : await store.ReadAsync(read, codes, cancellationToken);
        // The weights' figures of the periods a missing weight falls back to (a year-end population).
        var weightCodes = WeightFallback.WeightIndicators(catalog.IndicatorsByCode, indicators.Count > 0 ? indicators : catalog.Indicators.Select(i => i.Code));
        var fallbacks = weightCodes.Count > 0 ? WeightFallback.FallbackPeriods(periods) : [];
        fallbacks.ExceptWith(read);
        if (fallbacks.Count > 0)
        {
            figures = [.. figures, .. asOf is { } moment
                ? await store.ReadAsOfAsync(fallbacks, weightCodes, moment, cancellationToken)
                : await store.ReadAsync(fallbacks, weightCodes, cancellationToken)];
        }
        var lastSequence = 0L;
        foreach (var figure in figures)
        {
            lastSequence = Math.Max(lastSequence, figure.Sequence);
        }
        var index = FigureRow.Index(figures);
        if (periodOnly)
        {
            index = PeriodOnlyValues.Derive(index, catalog.IndicatorsByCode, [.. wanted, .. fallbacks]);
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
            throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", AggregationMessages.OrgUnitNotFound(orgUnit));
        }
        var unknown = indicators.Select((code, i) => (code, i)).Where(x => !catalog.IndicatorsByCode.ContainsKey(x.code)).ToList();
        if (unknown.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("UNKNOWN_INDICATOR", AggregationMessages.UnknownIndicators,
                unknown.Select(x => new FieldProblem(single ? "indicator" : $"indicators[{x.i}]", "UNKNOWN_INDICATOR", AggregationMessages.NotInCatalog(x.code))));
        }
        return catalog;
    }
}
