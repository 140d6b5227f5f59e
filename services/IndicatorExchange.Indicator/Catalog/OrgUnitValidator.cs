using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.ServiceDefaults.Errors;
using ProtoLevel = IndicatorExchange.Contracts.Indicator.V1.OrgUnitLevel;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// Checks an org unit as it would be stored, whether new or the result of an update. Collects every
/// problem rather than stopping at the first; field paths start with "org_unit.".
/// </summary>
internal static class OrgUnitValidator
{
    private const string Path = "org_unit";

    public sealed record Result(OrgUnitDefinition? Definition, IReadOnlyList<FieldProblem> Problems);

    public static Result Validate(OrgUnit? unit, ReferenceData.Snapshot reference) => Validate(unit, code => reference.Tree.TryGet(code, out _));

    /// <summary>The codes a unit names besides its own (its parent, the unit it merged into): what <see cref="Validate(OrgUnit?, Func{string, bool})"/> asks about.</summary>
    public static IReadOnlyList<string> CodesNamed(OrgUnit? unit) =>
        unit is null ? [] : new[] { unit.ParentCode, unit.MergedInto }.Where(code => code.Length > 0).Distinct().ToList();

    /// <summary>Validates a unit whose named units are known when <paramref name="exists"/> says so.</summary>
    public static Result Validate(OrgUnit? unit, Func<string, bool> exists)
    {
        if (unit is null)
        {
            return new(null, [new(Path, "REQUIRED", IndicatorMessages.OrgUnitRequired)]);
        }
        var problems = new List<FieldProblem>();
        CheckCode(unit.Code, problems);
        CheckRequired(unit.NameZh, "name_zh", problems);
        CheckRequired(unit.NameEn, "name_en", problems);
        CheckLevel(unit.Level, problems);
        CheckExisting(unit.ParentCode, "parent_code", exists, problems);
        CheckDates(unit, problems);
        CheckMerge(unit, exists, problems);
        return new(problems.Count > 0 ? null : unit.ToDomain(), problems);
    }

    /// <summary>
    /// A problem when <paramref name="parentCode"/> is the unit <paramref name="code"/> itself or one of
    /// its descendants: the tree would have a cycle.
    /// </summary>
    public static FieldProblem? CheckParentCycle(string code, string parentCode, OrgUnitTree tree)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var ancestor = parentCode; !string.IsNullOrEmpty(ancestor) && visited.Add(ancestor); ancestor = ParentOf(ancestor, tree))
        {
            if (ancestor == code)
            {
                return new($"{Path}.parent_code", "PARENT_CYCLE", IndicatorMessages.ParentCycle(parentCode, code));
            }
        }
        return null;
    }

    private static string? ParentOf(string code, OrgUnitTree tree) => tree.TryGet(code, out var unit) ? unit.ParentCode : null;

    private static void CheckCode(string code, List<FieldProblem> problems)
    {
        if (code.Length == 0)
        {
            problems.Add(new($"{Path}.code", "REQUIRED", IndicatorMessages.OrgUnitCodeRequired));
        }
        else if (!Codes.IsOrgUnitCode(code))
        {
            problems.Add(new($"{Path}.code", "INVALID_CODE", IndicatorMessages.OrgUnitCodeInvalid(code)));
        }
    }

    private static void CheckRequired(string value, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new($"{Path}.{field}", "REQUIRED", IndicatorMessages.FieldRequired(field)));
        }
    }

    private static void CheckLevel(ProtoLevel level, List<FieldProblem> problems)
    {
        if (level == ProtoLevel.Unspecified)
        {
            problems.Add(new($"{Path}.level", "REQUIRED", IndicatorMessages.LevelRequired));
        }
        else if (!Enum.IsDefined(level))
        {
            problems.Add(new($"{Path}.level", "INVALID_VALUE", IndicatorMessages.LevelUnknown((int)level)));
        }
    }

    private static void CheckExisting(string code, string field, Func<string, bool> exists, List<FieldProblem> problems)
    {
        if (code.Length > 0 && !exists(code))
        {
            problems.Add(new($"{Path}.{field}", "UNKNOWN_ORG_UNIT", IndicatorMessages.NamedOrgUnitUnknown(field, code)));
        }
    }

    private static void CheckDates(OrgUnit unit, List<FieldProblem> problems)
    {
        var validFrom = CheckDate(unit.ValidFrom, "valid_from", problems);
        var closedOn = CheckDate(unit.ClosedOn, "closed_on", problems);
        if (closedOn <= validFrom)
        {
            problems.Add(new($"{Path}.closed_on", "CLOSED_BEFORE_VALID_FROM", IndicatorMessages.ClosedBeforeValidFrom(unit.ClosedOn, unit.ValidFrom)));
        }
    }

    /// <summary>The date when set and well-formed; null when empty or malformed (a problem then).</summary>
    private static DateOnly? CheckDate(string text, string field, List<FieldProblem> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!CatalogMapping.TryParseDate(text, out var date))
        {
            problems.Add(new($"{Path}.{field}", "INVALID_DATE", IndicatorMessages.DateInvalid(field, text)));
            return null;
        }
        return date;
    }

    private static void CheckMerge(OrgUnit unit, Func<string, bool> exists, List<FieldProblem> problems)
    {
        if (unit.MergedInto.Length == 0)
        {
            return;
        }
        if (unit.MergedInto == unit.Code)
        {
            problems.Add(new($"{Path}.merged_into", "MERGED_INTO_ITSELF", IndicatorMessages.MergedIntoItself));
        }
        else
        {
            CheckExisting(unit.MergedInto, "merged_into", exists, problems);
        }
        if (unit.ClosedOn.Length == 0)
        {
            problems.Add(new($"{Path}.closed_on", "REQUIRED", IndicatorMessages.ClosedOnRequiredWithMerge));
        }
    }
}
