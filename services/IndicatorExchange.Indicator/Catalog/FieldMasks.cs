using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.ServiceDefaults.Errors;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// What an update_mask may name for one message type: the updatable fields, each with how to copy it
/// from the request onto the stored message, and the fields that exist but cannot change.
/// Paths are the proto field names ("name_en", "max_value").
/// </summary>
internal sealed class UpdateMask<T>(IReadOnlyDictionary<string, Action<T, T>> updatable, IReadOnlySet<string> immutable)
    where T : IMessage<T>
{
    private const string MaskField = "update_mask";

    /// <summary>
    /// The paths an update changes: those of the mask, or every updatable field when it is empty.
    /// Every unknown or immutable path is a problem.
    /// </summary>
    public IReadOnlyList<string> Resolve(FieldMask? mask, List<FieldProblem> problems)
    {
        if (mask is null || mask.Paths.Count == 0)
        {
            return updatable.Keys.ToList();
        }
        var paths = new List<string>();
        foreach (var path in mask.Paths.Distinct(StringComparer.Ordinal))
        {
            if (updatable.ContainsKey(path))
            {
                paths.Add(path);
            }
            else if (immutable.Contains(path))
            {
                problems.Add(new(MaskField, "IMMUTABLE_FIELD", IndicatorMessages.FieldImmutable(path)));
            }
            else
            {
                problems.Add(new(MaskField, "UNKNOWN_FIELD", IndicatorMessages.FieldUnknown(path, updatable.Keys)));
            }
        }
        return paths;
    }

    /// <summary>A copy of <paramref name="stored"/> with the <paramref name="paths"/> taken from <paramref name="changes"/>.</summary>
    public T Apply(T stored, T changes, IEnumerable<string> paths)
    {
        var result = stored.Clone();
        foreach (var path in paths)
        {
            updatable[path](result, changes);
        }
        return result;
    }
}

/// <summary>The update masks of the catalog's two messages.</summary>
internal static class CatalogMasks
{
    /// <summary>
    /// Indicator: every field but the code and the unit (figures are stored normalised to it) and the
    /// output-only dimension and accepted_units.
    /// </summary>
    public static readonly UpdateMask<ProtoIndicator> Indicator = new(
        new Dictionary<string, Action<ProtoIndicator, ProtoIndicator>>
        {
            ["name_zh"] = (to, from) => to.NameZh = from.NameZh,
            ["name_en"] = (to, from) => to.NameEn = from.NameEn,
            ["accumulation"] = (to, from) => to.Accumulation = from.Accumulation,
            ["aggregation"] = (to, from) => to.Aggregation = from.Aggregation,
            ["weight_indicator"] = (to, from) => to.WeightIndicator = from.WeightIndicator,
            ["display_precision"] = (to, from) => to.DisplayPrecision = from.DisplayPrecision,
            ["description"] = (to, from) => to.Description = from.Description,
            ["periodicities"] = (to, from) =>
            {
                to.Periodicities.Clear();
                to.Periodicities.AddRange(from.Periodicities);
            },
            ["min_value"] = (to, from) => to.MinValue = from.MinValue?.Clone(),
            ["max_value"] = (to, from) => to.MaxValue = from.MaxValue?.Clone(),
            ["max_yoy_change_pct"] = (to, from) => to.MaxYoyChangePct = from.MaxYoyChangePct?.Clone(),
            ["max_revision_change_pct"] = (to, from) => to.MaxRevisionChangePct = from.MaxRevisionChangePct?.Clone(),
            ["jan_feb_combined"] = (to, from) => to.JanFebCombined = from.JanFebCombined,
            ["report_order"] = (to, from) => to.ReportOrder = from.ReportOrder,
        },
        new HashSet<string>(["code", "unit", "dimension", "accepted_units"], StringComparer.Ordinal));

    /// <summary>Org unit: every field but the code.</summary>
    public static readonly UpdateMask<OrgUnit> OrgUnit = new(
        new Dictionary<string, Action<OrgUnit, OrgUnit>>
        {
            ["name_zh"] = (to, from) => to.NameZh = from.NameZh,
            ["name_en"] = (to, from) => to.NameEn = from.NameEn,
            ["level"] = (to, from) => to.Level = from.Level,
            ["parent_code"] = (to, from) => to.ParentCode = from.ParentCode,
            ["valid_from"] = (to, from) => to.ValidFrom = from.ValidFrom,
            ["closed_on"] = (to, from) => to.ClosedOn = from.ClosedOn,
            ["merged_into"] = (to, from) => to.MergedInto = from.MergedInto,
        },
        new HashSet<string>(["code"], StringComparer.Ordinal));
}
