using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;
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
            return new(null, [new(Path, "REQUIRED", "缺少单位 / org_unit is required")]);
        }
        var problems = new List<FieldProblem>();
        CheckCode(unit.Code, problems);
        CheckRequired(unit.NameZh, "name_zh", "中文名称", problems);
        CheckRequired(unit.NameEn, "name_en", "英文名称", problems);
        CheckLevel(unit.Level, problems);
        CheckExisting(unit.ParentCode, "parent_code", "上级单位", exists, problems);
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
                return new($"{Path}.parent_code", "PARENT_CYCLE",
                    $"上级单位不能是本单位或其下级单位 / parent {InputText.Echo(parentCode)} is {InputText.Echo(code)} itself or one of its descendants");
            }
        }
        return null;
    }

    private static string? ParentOf(string code, OrgUnitTree tree) => tree.TryGet(code, out var unit) ? unit.ParentCode : null;

    private static void CheckCode(string code, List<FieldProblem> problems)
    {
        if (code.Length == 0)
        {
            problems.Add(new($"{Path}.code", "REQUIRED", "缺少单位代码 / code is required"));
        }
        else if (!Codes.IsOrgUnitCode(code))
        {
            problems.Add(new($"{Path}.code", "INVALID_CODE", $"单位代码应为六位数字 / code {InputText.Echo(code)} must be six digits, for example 654025"));
        }
    }

    private static void CheckRequired(string value, string field, string nameZh, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new($"{Path}.{field}", "REQUIRED", $"缺少{nameZh} / {field} is required"));
        }
    }

    private static void CheckLevel(ProtoLevel level, List<FieldProblem> problems)
    {
        if (level == ProtoLevel.Unspecified)
        {
            problems.Add(new($"{Path}.level", "REQUIRED", "缺少行政级别 / level is required"));
        }
        else if (!Enum.IsDefined(level))
        {
            problems.Add(new($"{Path}.level", "INVALID_VALUE", $"未知的行政级别 / unknown level {(int)level}"));
        }
    }

    private static void CheckExisting(string code, string field, string nameZh, Func<string, bool> exists, List<FieldProblem> problems)
    {
        if (code.Length > 0 && !exists(code))
        {
            problems.Add(new($"{Path}.{field}", "UNKNOWN_ORG_UNIT", $"{nameZh}不存在 / {field} {InputText.Echo(code)} is not a known org unit"));
        }
    }

    private static void CheckDates(OrgUnit unit, List<FieldProblem> problems)
    {
        var validFrom = CheckDate(unit.ValidFrom, "valid_from", problems);
        var closedOn = CheckDate(unit.ClosedOn, "closed_on", problems);
        if (closedOn <= validFrom)
        {
            problems.Add(new($"{Path}.closed_on", "CLOSED_BEFORE_VALID_FROM",
                $"撤销日期应晚于设立日期 / closed_on {unit.ClosedOn} must be after valid_from {unit.ValidFrom}"));
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
            problems.Add(new($"{Path}.{field}", "INVALID_DATE", $"日期格式应为 2014-06-26 / {field} {InputText.Echo(text)} is not an ISO date such as 2014-06-26"));
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
            problems.Add(new($"{Path}.merged_into", "MERGED_INTO_ITSELF", "单位不能并入自身 / a unit cannot be merged into itself"));
        }
        else
        {
            CheckExisting(unit.MergedInto, "merged_into", "并入单位", exists, problems);
        }
        if (unit.ClosedOn.Length == 0)
        {
            problems.Add(new($"{Path}.closed_on", "REQUIRED", "并入其他单位时须填写撤销日期 / closed_on is required with merged_into"));
        }
    }
}
