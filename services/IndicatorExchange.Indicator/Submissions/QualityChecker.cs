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
                known.Set(group.OrgUnit, group.Period, figure.Indicator, DecimalText.TryParse(figure.Value, out var v) ? v : null);
            }
        }
        var rulesByIndicator = new Dictionary<string, CompiledRule[]>(StringComparer.Ordinal);
        var checkedGroups = new List<FigureGroup>(groups.Count);
        foreach (var group in groups)
        {
            var period = Period.Parse(group.Period);
            var orgUnitFigures = new OrgUnitFigures(group.OrgUnit, known);
            var figures = new List<NormalisedFigure>(group.Figures.Count);
            foreach (var figure in group.Figures)
            {
                var indicator = reference.IndicatorsByCode[figure.Indicator];
                var rules = WarningRules(indicator, rulesByIndicator);
                var warnings = rules.Length == 0
                    ? []
                    : Warnings(rules, figure, new FigureOperands(period, figure, indicator, orgUnitFigures));
                figures.Add(warnings.Count == 0 ? figure : figure with { Warnings = warnings });
            }
            checkedGroups.Add(group with { Figures = figures });
        }
        return checkedGroups;
    }

    /// <summary>The warning rules that apply to an indicator, in catalog order; selected once per indicator and check.</summary>
    private CompiledRule[] WarningRules(IndicatorDefinition indicator, Dictionary<string, CompiledRule[]> rulesByIndicator)
    {
        if (!rulesByIndicator.TryGetValue(indicator.Code, out var rules))
        {
            rules = [.. reference.Rules.Where(r => r.Rule.Severity == RuleSeverity.Warning && r.AppliesTo(indicator.Code, indicator.Accumulation))];
            rulesByIndicator[indicator.Code] = rules;
        }
        return rules;
    }

    private static IReadOnlyList<FigureWarning> Warnings(CompiledRule[] rules, NormalisedFigure figure, FigureOperands source)
    {
        List<FigureWarning>? warnings = null;
        foreach (var rule in rules)
        {
            if (rule.Evaluate(source) is RuleOutcome.Violated violated)
            {
                var found = violated.Describe();
                (warnings ??= []).Add(new FigureWarning(rule.Rule.Code,
                    $"{rule.Rule.MessageZh}（{found}）/ {rule.Rule.MessageEn} ({rule.Left} {rule.Rule.Operator.ToText()} {rule.Right}: {found})",
                    figure.ConfirmWarnings));
            }
        }
        return warnings ?? (IReadOnlyList<FigureWarning>)[];
    }

    /// <summary>The stored current values of every org unit and period the rules may look at.</summary>
    private async Task<KnownFigures> KnownFiguresAsync(IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        var known = new KnownFigures();
        foreach (var byOrg in groups.GroupBy(g => g.OrgUnit))
        {
            var periods = byOrg.SelectMany(g => RelatedPeriods(Period.Parse(g.Period))).Select(p => p.ToString()).Distinct().ToList();
            foreach (var figure in await store.ListCurrentAsync(new FigureQuery(byOrg.Key, null, [], null, int.MaxValue) { Periods = periods }, cancellationToken))
            {
                known.Set(figure.OrgUnit, figure.Period, figure.Indicator, DecimalText.TryParse(figure.Value, out var v) ? v : null);
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
    private sealed class FigureOperands(Period period, NormalisedFigure figure, IndicatorDefinition indicator, OrgUnitFigures known)
        : IOperandSource
    {
        public decimal? Resolve(string name, string? indicatorArgument)
        {
            var code = indicatorArgument ?? indicator.Code;
            return name switch
            {
                OperandNames.Value => known.Find(period, code),
                OperandNames.Growth => indicatorArgument is null && figure.YoyGrowthPct is { } g && DecimalText.TryParse(g, out var growth) ? growth : null,
                OperandNames.PriorYearValue => known.Find(period.PriorYear(), code),
                OperandNames.PreviousValue => period.PreviousInYear(indicator.JanFebCombined) is { } previous ? known.Find(previous, code) : null,
                OperandNames.AnnualValue => period.IsYearEnd ? known.Find(period with { Kind = PeriodKind.Annual, Number = 0 }, code) : null,
                OperandNames.Q4Value => period.Kind == PeriodKind.Annual ? known.Find(period with { Kind = PeriodKind.Quarterly, Number = 4 }, code) : null,
                OperandNames.MaxYoyChangePct => indicator.MaxYoyChangePct,
                _ => null,
            };
        }
    }

    /// <summary>
    /// The values the rules may look at (submitted, else stored current), by org unit and period, then by indicator:
    /// a rule's operand is then one lookup by indicator code in a period already found for the group.
    /// </summary>
    private sealed class KnownFigures
    {
        private readonly Dictionary<(string OrgUnit, string Period), Dictionary<string, decimal?>> _byOrgUnitAndPeriod = [];

        public void Set(string orgUnit, string period, string indicator, decimal? value)
        {
            if (!_byOrgUnitAndPeriod.TryGetValue((orgUnit, period), out var figures))
            {
                figures = new Dictionary<string, decimal?>(StringComparer.Ordinal);
                _byOrgUnitAndPeriod[(orgUnit, period)] = figures;
            }
            figures[indicator] = value;
        }

        public Dictionary<string, decimal?>? At(string orgUnit, string period) =>
            _byOrgUnitAndPeriod.TryGetValue((orgUnit, period), out var figures) ? figures : null;
    }

    /// <summary>The known figures of one group's org unit, each period looked up (and its code formatted) once per group.</summary>
    private sealed class OrgUnitFigures(string orgUnit, KnownFigures known)
    {
        private readonly Dictionary<Period, Dictionary<string, decimal?>?> _byPeriod = [];

        public decimal? Find(Period at, string code)
        {
            if (!_byPeriod.TryGetValue(at, out var figures))
            {
                figures = known.At(orgUnit, at.ToString());
                _byPeriod[at] = figures;
            }
            return figures is not null && figures.TryGetValue(code, out var value) ? value : null;
        }
    }
}
