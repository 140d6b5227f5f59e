using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Storage;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// Runs the validation rules (data, from the catalog's store) over accepted figures and returns each figure
/// with its quality warnings. Operands are resolved from the submission itself first, then from the stored
/// current figures, so an upload that carries both years is checked against itself.
/// </summary>
public sealed class QualityChecker(ReferenceData.Snapshot reference, IFigureStore store)
{
    public async Task<IReadOnlyList<FigureGroup>> CheckAsync(IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        var known = await KnownFiguresAsync(groups, cancellationToken);
        foreach (var group in groups)
        {
            foreach (var figure in group.Figures)
            {
                known[(group.OrgUnit, group.Period, figure.Indicator)] = DecimalText.TryParse(figure.Value, out var v) ? v : null;
            }
        }
        return groups.Select(group => group with
        {
            Figures = group.Figures.Select(figure => figure with { Warnings = Warnings(group, figure, known) }).ToList(),
        }).ToList();
    }

    private IReadOnlyList<FigureWarning> Warnings(FigureGroup group, NormalisedFigure figure, Dictionary<(string, string, string), decimal?> known)
    {
        var indicator = reference.IndicatorsByCode[figure.Indicator];
        var source = new FigureOperands(group.OrgUnit, Period.Parse(group.Period), figure, indicator, known);
        var warnings = new List<FigureWarning>();
        foreach (var rule in reference.Rules.Where(r => r.Rule.Severity == RuleSeverity.Warning && r.AppliesTo(indicator.Code, indicator.Accumulation)))
        {
            if (rule.Evaluate(source) is RuleOutcome.Violated violated)
            {
                var found = violated.Describe();
                warnings.Add(new FigureWarning(rule.Rule.Code,
                    $"{rule.Rule.MessageZh}（{found}）/ {rule.Rule.MessageEn} ({rule.Left} {rule.Rule.Operator.ToText()} {rule.Right}: {found})",
                    figure.ConfirmWarnings));
            }
        }
        return warnings;
    }

    /// <summary>The stored current values of every org unit and period the rules may look at.</summary>
    private async Task<Dictionary<(string, string, string), decimal?>> KnownFiguresAsync(IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        var known = new Dictionary<(string, string, string), decimal?>();
        foreach (var byOrg in groups.GroupBy(g => g.OrgUnit))
        {
            var periods = byOrg.SelectMany(g => RelatedPeriods(Period.Parse(g.Period))).Select(p => p.ToString()).Distinct().ToList();
            foreach (var figure in await store.ListCurrentAsync(new FigureQuery(byOrg.Key, null, [], null, int.MaxValue) { Periods = periods }, cancellationToken))
            {
                known[(figure.OrgUnit, figure.Period, figure.Indicator)] = DecimalText.TryParse(figure.Value, out var v) ? v : null;
            }
        }
        return known;
    }

    private static IEnumerable<Period> RelatedPeriods(Period period)
    {
        yield return period;
        yield return period.PriorYear();
        if (period.PreviousInYear() is { } previous)
        {
            yield return previous;
        }
        if (period.IsYearEnd)
        {
            yield return period with { Kind = PeriodKind.Annual, Number = 0 };
        }
        if (period.Kind == PeriodKind.Annual)
        {
            yield return period with { Kind = PeriodKind.Quarterly, Number = 4 };
        }
    }

    /// <summary>What the rule operands mean for one figure (see <see cref="OperandNames"/>).</summary>
    private sealed class FigureOperands(
        string orgUnit, Period period, NormalisedFigure figure, IndicatorDefinition indicator, Dictionary<(string, string, string), decimal?> known)
        : IOperandSource
    {
        public decimal? Resolve(string name, string? indicatorArgument)
        {
            var code = indicatorArgument ?? indicator.Code;
            return name switch
            {
                OperandNames.Value => Find(period, code),
                OperandNames.Growth => indicatorArgument is null && figure.YoyGrowthPct is { } g && DecimalText.TryParse(g, out var growth) ? growth : null,
                OperandNames.PriorYearValue => Find(period.PriorYear(), code),
                OperandNames.PreviousValue => period.PreviousInYear(indicator.JanFebCombined) is { } previous ? Find(previous, code) : null,
                OperandNames.AnnualValue => period.IsYearEnd ? Find(period with { Kind = PeriodKind.Annual, Number = 0 }, code) : null,
                OperandNames.Q4Value => period.Kind == PeriodKind.Annual ? Find(period with { Kind = PeriodKind.Quarterly, Number = 4 }, code) : null,
                OperandNames.MaxYoyChangePct => indicator.MaxYoyChangePct,
                _ => null,
            };
        }

        private decimal? Find(Period at, string code) => known.TryGetValue((orgUnit, at.ToString(), code), out var value) ? value : null;
    }
}
