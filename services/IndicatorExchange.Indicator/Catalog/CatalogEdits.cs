using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// Turns the catalog's admin requests into the definitions to store, or the error to answer:
/// INVALID_ARGUMENT listing every problem, or NOT_FOUND for an update of an unknown code. An update
/// applies the masked fields onto the stored message and checks the result with the rules of a create.
/// </summary>
internal static class CatalogEdits
{
    public static IndicatorDefinition NewIndicator(CreateIndicatorRequest request, ReferenceData.Snapshot reference)
    {
        var result = IndicatorValidator.Validate(request.Indicator, reference);
        ThrowIfAny(result.Problems, "INDICATOR_REJECTED", IndicatorMessages.IndicatorRejected);
        return result.Definition!;
    }

    public static IndicatorDefinition UpdatedIndicator(UpdateIndicatorRequest request, ReferenceData.Snapshot reference)
    {
        var changes = request.Indicator ?? new Contracts.Indicator.V1.Indicator();
        var problems = new List<FieldProblem>();
        var paths = CatalogMasks.Indicator.Resolve(request.UpdateMask, problems);
        CheckCodeGiven(changes.Code, "indicator.code", problems);
        ThrowIfAny(problems, "INVALID_UPDATE", IndicatorMessages.UpdateRejected);

        if (!reference.IndicatorsByCode.TryGetValue(changes.Code, out var stored))
        {
            throw IndicatorNotFound(changes.Code);
        }
        var updated = CatalogMasks.Indicator.Apply(stored.ToProto(), changes, paths);
        if (IsEmpty(request.UpdateMask) && changes.ReportOrder == 0)
        {
            // A full update from a client that does not know report_order keeps the indicator where it is.
            updated.ReportOrder = stored.ReportOrder;
        }
        var result = IndicatorValidator.Validate(updated, reference);
        problems.AddRange(result.Problems);
        if (IsEmpty(request.UpdateMask))
        {
            CheckUnitUnchanged(changes.Unit, stored.Unit, problems);
        }
        ThrowIfAny(problems, "INDICATOR_REJECTED", IndicatorMessages.IndicatorRejected);
        return result.Definition!;
    }

    /// <summary>A new unit, valid when the units it names are among <paramref name="existing"/>.</summary>
    public static OrgUnitDefinition NewOrgUnit(CreateOrgUnitRequest request, IReadOnlySet<string> existing)
    {
        var result = OrgUnitValidator.Validate(request.OrgUnit, existing.Contains);
        ThrowIfAny(result.Problems, "ORG_UNIT_REJECTED", IndicatorMessages.OrgUnitRejected);
        return result.Definition!;
    }

    public static OrgUnitDefinition UpdatedOrgUnit(UpdateOrgUnitRequest request, ReferenceData.Snapshot reference)
    {
        var changes = request.OrgUnit ?? new OrgUnit();
        var problems = new List<FieldProblem>();
        var paths = CatalogMasks.OrgUnit.Resolve(request.UpdateMask, problems);
        CheckCodeGiven(changes.Code, "org_unit.code", problems);
        ThrowIfAny(problems, "INVALID_UPDATE", IndicatorMessages.UpdateRejected);

        if (!reference.Tree.TryGet(changes.Code, out var stored))
        {
            throw OrgUnitNotFound(changes.Code);
        }
        var merged = CatalogMasks.OrgUnit.Apply(stored.ToProto(), changes, paths);
        var result = OrgUnitValidator.Validate(merged, reference);
        problems.AddRange(result.Problems);
        if (OrgUnitValidator.CheckParentCycle(merged.Code, merged.ParentCode, reference.Tree) is { } cycle)
        {
            problems.Add(cycle);
        }
        ThrowIfAny(problems, "ORG_UNIT_REJECTED", IndicatorMessages.OrgUnitRejected);
        return result.Definition!;
    }

    public static RpcException IndicatorNotFound(string code) =>
        GrpcErrors.NotFound("INDICATOR_NOT_FOUND", IndicatorMessages.IndicatorNotFound(code));

    public static RpcException IndicatorExists(string code) =>
        GrpcErrors.AlreadyExists("INDICATOR_EXISTS", IndicatorMessages.IndicatorExists(code));

    public static RpcException OrgUnitNotFound(string code) =>
        GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", IndicatorMessages.OrgUnitNotFound(code));

    public static RpcException OrgUnitExists(string code) =>
        GrpcErrors.AlreadyExists("ORG_UNIT_EXISTS", IndicatorMessages.OrgUnitExists(code));

    private static bool IsEmpty(Google.Protobuf.WellKnownTypes.FieldMask? mask) => mask is null || mask.Paths.Count == 0;

    private static void CheckCodeGiven(string code, string field, List<FieldProblem> problems)
    {
        if (code.Length == 0)
        {
            problems.Add(new(field, "REQUIRED", IndicatorMessages.UpdateCodeRequired));
        }
    }

    /// <summary>
    /// With an empty mask every updatable field is taken from the request; the unit is not updatable,
    /// so a request naming another unit is refused rather than silently kept.
    /// </summary>
    private static void CheckUnitUnchanged(string requested, string stored, List<FieldProblem> problems)
    {
        var canonical = UnitTable.TryGet(requested, out var unit) ? unit.Symbol : requested;
        if (requested.Length > 0 && canonical != stored)
        {
            problems.Add(new("indicator.unit", "IMMUTABLE_FIELD", IndicatorMessages.UnitImmutable(stored)));
        }
    }

    /// <summary>
    /// INVALID_ARGUMENT with every problem. The ErrorInfo reason is the problems' own when they share
    /// one (IMMUTABLE_FIELD, PARENT_CYCLE), otherwise <paramref name="reason"/>.
    /// </summary>
    private static void ThrowIfAny(IReadOnlyList<FieldProblem> problems, string reason, Func<int, string> message)
    {
        if (problems.Count == 0)
        {
            return;
        }
        var reasons = problems.Select(p => p.Reason).Distinct().ToList();
        throw GrpcErrors.InvalidArgument(reasons.Count == 1 ? reasons[0] : reason, message(problems.Count), problems);
    }
}
