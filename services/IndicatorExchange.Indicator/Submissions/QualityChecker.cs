using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.Indicator.Storage;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// Runs the validation rules (data, from the catalog's store) over accepted figures and returns each figure
/// with its quality warnings. Operands are resolved from the submission itself first, then from the stored
/// current figures, so an upload that carries both years is checked against itself. A year-to-date figure is checked
/// against both neighbours of its year (the previous and the next period), whichever arrived first, and a revision
/// against the stored value it replaces.
/// </summary>
internal sealed class QualityChecker(ReferenceData.Snapshot reference, IFigureStore store)
{
    public async Task<IReadOnlyList<FigureGroup>> CheckAsync(IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        var known = await KnownFiguresAsync(groups, cancellationToken);
        foreach (var group in groups)
        {
            foreach (var figure in group.Figures)
            {
                known.SetSubmitted(group.OrgUnit, group.Period, figure.Indicator, DecimalText.TryParse(figure.Value, out var v) ? v : null);
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
                    : Warnings(rules, figure, indicator, new FigureOperands(period, figure, indicator, orgUnitFigures,
                        known.Replaced(group.OrgUnit, group.Period, figure.Indicator)));
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

    private static IReadOnlyList<FigureWarning> Warnings(CompiledRule[] rules, NormalisedFigure figure, IndicatorDefinition indicator, FigureOperands source)
    {
        List<FigureWarning>? warnings = null;
        foreach (var rule in rules)
        {
            if (rule.Evaluate(source) is RuleOutcome.Violated violated)
            {
                var found = violated.Describe();
                var revised = RevisedValues(rule, figure, indicator, source.ReplacedValue);
                (warnings ??= []).Add(new FigureWarning(rule.Rule.Code, IndicatorMessages.QualityWarning(rule, found, revised), figure.ConfirmWarnings));
            }
        }
        return warnings ?? (IReadOnlyList<FigureWarning>)[];
    }

    /// <summary>For a rule about a revision: the old and the new value, in the indicator's unit, for both halves of the message.</summary>
    private static (string Zh, string En) RevisedValues(CompiledRule rule, NormalisedFigure figure, IndicatorDefinition indicator, decimal? replaced)
    {
        if (replaced is not { } old || !rule.Operands.Contains(new OperandReference(OperandNames.ReplacedValue, null)))
        {
            return ("", "");
        }
        var (was, now) = ($"{DecimalText.Format(old)} {indicator.Unit}", $"{figure.Value} {indicator.Unit}");
        return IndicatorMessages.RevisedValues(was, now);
    }

    /// <summary>The stored current values of every org unit and period the rules may look at.</summary>
    private async Task<KnownFigures> KnownFiguresAsync(IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        var known = new KnownFigures();
        var keys = groups.SelectMany(g => RelatedPeriods(Period.Parse(g.Period)).Select(p => (g.OrgUnit, p.ToString()))).ToHashSet();
        foreach (var figure in await store.CurrentOfAsync(keys, cancellationToken))
        {
            known.Set(figure.OrgUnit, figure.Period, figure.Indicator, DecimalText.TryParse(figure.Value, out var v) ? v : null);
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
        if (period.NextInYear() is { } next)
        {
            yield return next;
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
    private sealed class FigureOperands(Period period, NormalisedFigure figure, IndicatorDefinition indicator, OrgUnitFigures known,
        decimal? replacedValue) : IOperandSource
    {
        /// <summary>The stored value this figure revises; null for a first figure.</summary>
        public decimal? ReplacedValue => replacedValue;

        public decimal? Resolve(string name, string? indicatorArgument)
        {
            var code = indicatorArgument ?? indicator.Code;
            return name switch
            {
                OperandNames.Value => known.Find(period, code),
                OperandNames.Growth => indicatorArgument is null && figure.YoyGrowthPct is { } g && DecimalText.TryParse(g, out var growth) ? growth : null,
                OperandNames.PriorYearValue => known.Find(period.PriorYear(), code),
                OperandNames.PreviousValue => period.PreviousInYear(indicator.JanFebCombined) is { } previous ? known.Find(previous, code) : null,
                OperandNames.NextValue => period.NextInYear(indicator.JanFebCombined) is { } next ? known.Find(next, code) : null,
                OperandNames.ReplacedValue => indicatorArgument is null ? replacedValue : null,
                OperandNames.AnnualValue => period.IsYearEnd ? known.Find(period with { Kind = PeriodKind.Annual, Number = 0 }, code) : null,
                OperandNames.Q4Value => period.Kind == PeriodKind.Annual ? known.Find(period with { Kind = PeriodKind.Quarterly, Number = 4 }, code) : null,
                OperandNames.MaxYoyChangePct => indicator.MaxYoyChangePct,
                OperandNames.MaxRevisionChangePct => indicator.MaxRevisionChangePct,
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

        // The stored values that submitted figures replace: only revisions have one.
        private Dictionary<(string OrgUnit, string Period, string Indicator), decimal>? _replaced;

        /// <summary>Sets a submitted value over the stored one, remembering the stored one as the value it revises.</summary>
        public void SetSubmitted(string orgUnit, string period, string indicator, decimal? value)
        {
            if (At(orgUnit, period) is { } figures && figures.TryGetValue(indicator, out var stored) && stored is { } old)
            {
                (_replaced ??= [])[(orgUnit, period, indicator)] = old;
            }
            Set(orgUnit, period, indicator, value);
        }

        /// <summary>The stored value a submitted figure replaces; null for a first figure.</summary>
        public decimal? Replaced(string orgUnit, string period, string indicator) =>
            _replaced is not null && _replaced.TryGetValue((orgUnit, period, indicator), out var old) ? old : null;

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
