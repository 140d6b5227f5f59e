using System.Reflection;
using IndicatorExchange.Contracts.Mapping;

namespace IndicatorExchange.Client.Tests;

/// <summary>
/// Every enum of the contracts round-trips through its one mapping (Contracts/Mapping), and a value without a counterpart
/// (UNSPECIFIED, a number the enum does not define) is an error, never a silent default. Found by reflection, so that a
/// new contract enum without a mapping fails here unless it is listed below as having no domain counterpart.
/// </summary>
public sealed class EnumMappingTests
{
    /// <summary>Contract enums that are wire-only: no domain enum stands for them.</summary>
    private static readonly HashSet<string> WithoutDomainCounterpart =
    [
        "IndicatorExchange.Contracts.Access.V1.Role", // role claims are strings (ServiceDefaults/Security/Roles)
        "IndicatorExchange.Contracts.Common.V1.FigureStatus", // stored as its number
        "IndicatorExchange.Contracts.Common.V1.IssueSeverity",
        "IndicatorExchange.Contracts.Indicator.V1.PeriodState", // stored as "open" / "closed"
        "IndicatorExchange.Contracts.Aggregation.V1.PeriodValues", // a request option
        "IndicatorExchange.Contracts.Aggregation.V1.RebuildSource", // a request option
    ];

    /// <summary>Contract values that are no domain value: a series point's own reported figure is no roll-up.</summary>
    private static readonly HashSet<Enum> ProtoOnlyValues = [Contracts.Aggregation.V1.TotalMethod.Reported];

    public static TheoryData<string> ContractEnums()
    {
        var data = new TheoryData<string>();
        foreach (var type in ContractEnumTypes())
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Fact]
    public void The_contracts_have_the_enums_the_test_expects() =>
        Assert.Superset(WithoutDomainCounterpart, ContractEnumTypes().Select(t => t.FullName!).ToHashSet());

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Each_contract_enum_round_trips_or_is_listed_as_wire_only(string name)
    {
        var proto = ContractEnumTypes().Single(t => t.FullName == name);
        var toDomain = Mapping("ToDomain", proto);
        if (WithoutDomainCounterpart.Contains(name))
        {
            Assert.Null(toDomain);
            return;
        }
        Assert.True(toDomain is not null, $"{name} has no ToDomain in IndicatorExchange.Contracts.Mapping (or list it as wire-only)");
        var domain = toDomain.ReturnType;
        var toProto = Mapping("ToProto", domain);
        Assert.True(toProto is not null && toProto.ReturnType == proto, $"{domain} has no ToProto back to {name}");

        foreach (Enum value in Enum.GetValues(proto))
        {
            if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => Call(toDomain, value)); // UNSPECIFIED
            }
            else if (ProtoOnlyValues.Contains(value))
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => Call(toDomain, value));
            }
            else
            {
                Assert.Equal(value, Call(toProto, Call(toDomain, value)));
            }
        }
        foreach (Enum value in Enum.GetValues(domain))
        {
            Assert.Equal(value, Call(toDomain, Call(toProto, value)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Call(toDomain, Enum.ToObject(proto, 99)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Call(toProto, Enum.ToObject(domain, 99)));
    }

    [Fact]
    public void The_error_names_the_enum_and_the_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ((Contracts.Indicator.V1.Aggregation)99).ToDomain());
        Assert.Contains("Aggregation", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The enums of the contracts' messages and services, without the C# of protobuf's oneofs.</summary>
    private static IEnumerable<Type> ContractEnumTypes() =>
        typeof(Contracts.Common.V1.Decimal).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.Namespace?.StartsWith("IndicatorExchange.Contracts.", StringComparison.Ordinal) == true);

    private static MethodInfo? Mapping(string name, Type from) =>
        typeof(CatalogEnums).Assembly.GetTypes()
            .Where(t => t.Namespace == "IndicatorExchange.Contracts.Mapping" && t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SingleOrDefault(m => m.Name == name && m.GetParameters() is [var only] && only.ParameterType == from && m.ReturnType.IsEnum);

    private static Enum Call(MethodInfo mapping, object value)
    {
        try
        {
            return (Enum)mapping.Invoke(null, [value])!;
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            throw wrapped.InnerException;
        }
    }
}
