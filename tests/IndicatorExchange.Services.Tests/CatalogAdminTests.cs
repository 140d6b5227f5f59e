using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;
using ProtoAggregation = IndicatorExchange.Contracts.Indicator.V1.Aggregation;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Creating and changing indicators and org units. The tests share one suite and run in any order,
/// so each works on codes of its own (indicators ADMIN_*, org units 65409x and 65408x).
/// </summary>
public sealed class CatalogAdminTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task Created_indicator_is_listed_and_got_with_its_canonical_unit_dimension_and_accepted_units()
    {
        var created = (await _client.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            Indicator = NewIndicator("ADMIN_SHEEP_ON_HAND", unit: "万头（只）", accumulation: Accumulation.Stock),
        })).Indicator;

        var got = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "ADMIN_SHEEP_ON_HAND" })).Indicator;
        var listed = (await ListAllIndicatorsAsync()).Single(i => i.Code == "ADMIN_SHEEP_ON_HAND");

        Assert.Equal(created, got);
        Assert.Equal(got, listed);
        Assert.Equal("万头(只)", got.Unit);
        Assert.Equal("head", got.Dimension);
        Assert.Equal(["头(只)", "万头(只)"], got.AcceptedUnits);
        Assert.Equal(Accumulation.Stock, got.Accumulation);
        Assert.Equal([PeriodKind.Annual, PeriodKind.Quarterly], got.Periodicities);
        Assert.Equal("0", got.MinValue.Value);
        Assert.Null(got.MaxValue);
    }

    [Fact]
    public async Task Created_indicator_without_a_report_order_is_listed_after_every_other_one()
    {
        var created = (await _client.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            Indicator = NewIndicator("ADMIN_ORDER_LAST", unit: "万元"),
        })).Indicator;

        var all = await ListAllIndicatorsAsync();
        var listed = all.Single(i => i.Code == "ADMIN_ORDER_LAST");
        Assert.Equal(created, listed);
        Assert.Equal(all.Where(i => i.Code != "ADMIN_ORDER_LAST").Max(i => i.ReportOrder) + 1, created.ReportOrder);
        Assert.True(all.IndexOf(listed) > all.FindIndex(i => i.Code == "FOREST_COVERAGE"));
    }

    [Fact]
    public async Task Update_of_report_order_moves_the_indicator_and_pages_stay_correct_across_equal_positions()
    {
        await _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator("ADMIN_ORDER_MOVED", unit: "万元") });
        var gdp = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" })).Indicator;

        // The same position as GDP: listed before it, by code.
        var updated = (await _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = new ProtoIndicator { Code = "ADMIN_ORDER_MOVED", ReportOrder = gdp.ReportOrder },
            UpdateMask = new FieldMask { Paths = { "report_order" } },
        })).Indicator;
        Assert.Equal(gdp.ReportOrder, updated.ReportOrder);

        // One indicator a page: every token falls between two indicators, some of them at the same position.
        var paged = new List<ProtoIndicator>();
        var token = "";
        do
        {
            var page = await _client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1, PageToken = token });
            paged.AddRange(page.Indicators);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var codes = paged.Select(i => i.Code).ToList();
        Assert.Equal(codes.Distinct().Count(), codes.Count);
        Assert.Equal((await ListAllIndicatorsAsync()).Select(i => i.Code), codes);
        Assert.Equal(paged.OrderBy(i => i.ReportOrder).ThenBy(i => i.Code, StringComparer.Ordinal).Select(i => i.Code), codes);
        Assert.True(codes.IndexOf("ADMIN_ORDER_MOVED") < codes.IndexOf("GDP"));
        Assert.True(codes.IndexOf("GDP") < codes.IndexOf("FOREIGN_TRADE"));

        // A full update (no mask) that does not send report_order keeps the position.
        var full = updated.Clone();
        full.ReportOrder = 0;
        full.NameEn = "Moved indicator";
        var kept = (await _client.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = full })).Indicator;
        Assert.Equal(gdp.ReportOrder, kept.ReportOrder);
        Assert.Equal("Moved indicator", kept.NameEn);
    }

    [Fact]
    public async Task A_negative_report_order_is_rejected()
    {
        var indicator = NewIndicator("ADMIN_ORDER_NEGATIVE", unit: "万元");
        indicator.ReportOrder = -1;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = indicator }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(("indicator.report_order", "OUT_OF_RANGE"), Violations(error));
    }

    [Fact]
    public async Task Create_with_many_problems_lists_every_one_with_its_field_path_and_stores_nothing()
    {
        var indicator = new ProtoIndicator
        {
            Code = "bad code",
            NameZh = "",
            NameEn = " ",
            Unit = "furlong",
            Accumulation = Accumulation.Unspecified,
            Aggregation = ProtoAggregation.Sum,
            WeightIndicator = "NO_SUCH_WEIGHT",
            DisplayPrecision = 11,
            MinValue = new ProtoDecimal { Value = "10" },
            MaxValue = new ProtoDecimal { Value = "5" },
            MaxYoyChangePct = new ProtoDecimal { Value = "fifty" },
            Periodicities = { PeriodKind.Annual, PeriodKind.Unspecified },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = indicator }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("INDICATOR_REJECTED", Reason(error));
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("indicator.code", "INVALID_CODE"),
                ("indicator.name_zh", "REQUIRED"),
                ("indicator.name_en", "REQUIRED"),
                ("indicator.unit", "UNKNOWN_UNIT"),
                ("indicator.accumulation", "REQUIRED"),
                ("indicator.weight_indicator", "UNKNOWN_INDICATOR"),
                ("indicator.weight_indicator", "WEIGHT_NOT_ALLOWED"),
                ("indicator.display_precision", "OUT_OF_RANGE"),
                ("indicator.min_value", "MIN_ABOVE_MAX"),
                ("indicator.max_yoy_change_pct", "INVALID_DECIMAL"),
                ("indicator.periodicities[1]", "INVALID_PERIODICITY"),
            },
            Violations(error).ToHashSet());
        Assert.DoesNotContain(await ListAllIndicatorsAsync(), i => i.Code == "bad code");
    }

    [Fact]
    public async Task Weighted_mean_indicator_may_name_an_existing_weight()
    {
        var indicator = NewIndicator("ADMIN_INCOME_PER_CAPITA", unit: "元", aggregation: ProtoAggregation.WeightedMean);
        indicator.WeightIndicator = "URBAN_POPULATION";

        var created = (await _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = indicator })).Indicator;

        Assert.Equal("URBAN_POPULATION", created.WeightIndicator);
        Assert.Equal(ProtoAggregation.WeightedMean, created.Aggregation);
    }

    [Fact]
    public async Task Creating_an_existing_code_is_already_exists_and_keeps_the_stored_indicator()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator("GDP", unit: "万元") }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("INDICATOR_EXISTS", Reason(error));
        var gdp = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" })).Indicator;
        Assert.Equal(("地区生产总值", "亿元"), (gdp.NameZh, gdp.Unit));
    }

    [Fact]
    public async Task Update_changes_only_the_fields_named_in_the_mask()
    {
        var before = (await _client.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            Indicator = NewIndicator("ADMIN_TOURIST_REVENUE", unit: "亿元"),
        })).Indicator;
        var changes = new ProtoIndicator
        {
            Code = "ADMIN_TOURIST_REVENUE",
            NameZh = "不应改变",
            NameEn = "Tourism revenue",
            Unit = "元",
            DisplayPrecision = 4,
            MaxValue = new ProtoDecimal { Value = "1000" },
            Periodicities = { PeriodKind.Monthly },
        };

        var updated = (await _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = changes,
            UpdateMask = new FieldMask { Paths = { "name_en", "max_value" } },
        })).Indicator;
        var got = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "ADMIN_TOURIST_REVENUE" })).Indicator;

        Assert.Equal(updated, got);
        Assert.Equal("Tourism revenue", got.NameEn);
        Assert.Equal("1000", got.MaxValue.Value);
        var expected = before.Clone();
        expected.NameEn = "Tourism revenue";
        expected.MaxValue = new ProtoDecimal { Value = "1000" };
        Assert.Equal(expected, got);
    }

    [Fact]
    public async Task Update_that_leaves_the_minimum_above_the_maximum_is_rejected_and_changes_nothing()
    {
        await _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator("ADMIN_BOUNDED_SHARE", unit: "%") });

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = new ProtoIndicator { Code = "ADMIN_BOUNDED_SHARE", MaxValue = new ProtoDecimal { Value = "-1" } },
            UpdateMask = new FieldMask { Paths = { "max_value" } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("indicator.min_value", "MIN_ABOVE_MAX")], Violations(error));
        Assert.Null((await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "ADMIN_BOUNDED_SHARE" })).Indicator.MaxValue);
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("code")]
    [InlineData("dimension")]
    public async Task Update_mask_naming_a_field_that_cannot_change_is_immutable_field(string path)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = new ProtoIndicator { Code = "GDP", Unit = "万元", NameEn = "GDP" },
            UpdateMask = new FieldMask { Paths = { "name_en", path } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("IMMUTABLE_FIELD", Reason(error));
        Assert.Equal([("update_mask", "IMMUTABLE_FIELD")], Violations(error));
        var gdp = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" })).Indicator;
        Assert.Equal(("亿元", "Gross regional product"), (gdp.Unit, gdp.NameEn));
    }

    [Fact]
    public async Task Update_with_an_empty_mask_may_not_change_the_unit()
    {
        var gdp = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" })).Indicator;
        gdp.Unit = "万元";

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = gdp }).ResponseAsync);

        Assert.Equal([("indicator.unit", "IMMUTABLE_FIELD")], Violations(error));
    }

    [Fact]
    public async Task Update_with_an_empty_mask_replaces_every_updatable_field_and_keeps_the_unit()
    {
        await _client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator("ADMIN_FULL_REPLACE", unit: "吨") });
        var replacement = NewIndicator("ADMIN_FULL_REPLACE", unit: "", accumulation: Accumulation.Period);
        replacement.NameEn = "Replaced";
        replacement.Description = "";

        var updated = (await _client.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = replacement })).Indicator;

        Assert.Equal(("Replaced", Accumulation.Period, "吨"), (updated.NameEn, updated.Accumulation, updated.Unit));
        Assert.Equal("", updated.Description);
        Assert.Null(updated.MaxValue);
    }

    [Fact]
    public async Task Update_mask_with_an_unknown_path_is_unknown_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = new ProtoIndicator { Code = "GDP", NameEn = "GDP" },
            UpdateMask = new FieldMask { Paths = { "nameEn" } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("UNKNOWN_FIELD", Reason(error));
        Assert.Equal([("update_mask", "UNKNOWN_FIELD")], Violations(error));
    }

    [Fact]
    public async Task Updating_an_unknown_indicator_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = new ProtoIndicator { Code = "ADMIN_NEVER_CREATED", NameEn = "Nothing" },
            UpdateMask = new FieldMask { Paths = { "name_en" } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("INDICATOR_NOT_FOUND", Reason(error));
    }

    [Fact]
    public async Task Created_org_unit_is_listed_among_the_children_of_its_parent()
    {
        var created = (await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = NewCounty("654099", "可克达拉市", "Kokdala City", validFrom: "2015-03-18"),
        })).OrgUnit;

        var children = (await _client.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654000", PageSize = 1000 })).OrgUnits;

        Assert.Equal(created, children.Single(u => u.Code == "654099"));
        Assert.Equal(("654000", "2015-03-18", ""), (created.ParentCode, created.ValidFrom, created.ClosedOn));
        Assert.Contains(children, u => u.Code == "654025");
    }

    [Fact]
    public async Task Create_org_unit_with_many_problems_lists_every_one()
    {
        var unit = new OrgUnit
        {
            Code = "65409",
            NameZh = "",
            NameEn = "Somewhere",
            Level = OrgUnitLevel.Unspecified,
            ParentCode = "659999",
            ValidFrom = "2020-13-01",
            MergedInto = "654002",
        };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = unit }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("org_unit.code", "INVALID_CODE"),
                ("org_unit.name_zh", "REQUIRED"),
                ("org_unit.level", "REQUIRED"),
                ("org_unit.parent_code", "UNKNOWN_ORG_UNIT"),
                ("org_unit.valid_from", "INVALID_DATE"),
                ("org_unit.closed_on", "REQUIRED"),
            },
            Violations(error).ToHashSet());
    }

    [Fact]
    public async Task A_unit_can_name_units_created_just_before_it_and_not_units_that_do_not_exist()
    {
        // A tree is loaded parents first, one call each: every call sees the units the calls before it created.
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654080", NameZh = "新设区", NameEn = "New District", Level = OrgUnitLevel.Prefecture, ParentCode = "650000" },
        });
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654081", NameZh = "新设县", NameEn = "New County", Level = OrgUnitLevel.County, ParentCode = "654080" },
        });
        var merged = (await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit
            {
                Code = "654082", NameZh = "旧县", NameEn = "Old County", Level = OrgUnitLevel.County, ParentCode = "654080",
                ClosedOn = "2021-01-01", MergedInto = "654081",
            },
        })).OrgUnit;
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit
            {
                Code = "654083", NameZh = "另一旧县", NameEn = "Another Old County", Level = OrgUnitLevel.County, ParentCode = "654084",
                ClosedOn = "2021-01-01", MergedInto = "654085",
            },
        }).ResponseAsync);

        Assert.Equal(("654080", "654081"), (merged.ParentCode, merged.MergedInto));
        Assert.Equal(["654081", "654082"],
            (await _client.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654080" })).OrgUnits.Select(u => u.Code).Order());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            new HashSet<(string, string)> { ("org_unit.parent_code", "UNKNOWN_ORG_UNIT"), ("org_unit.merged_into", "UNKNOWN_ORG_UNIT") },
            Violations(error).ToHashSet());
        await Assert.ThrowsAsync<RpcException>(() => _client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "654083" }).ResponseAsync);
    }

    [Fact]
    public async Task Org_unit_cannot_close_before_it_begins()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = NewCounty("654089", "短命县", "Short-lived County", validFrom: "2020-01-01", closedOn: "2020-01-01"),
        }).ResponseAsync);

        Assert.Equal([("org_unit.closed_on", "CLOSED_BEFORE_VALID_FROM")], Violations(error));
    }

    [Fact]
    public async Task Creating_an_existing_org_unit_is_already_exists()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = NewCounty("654025", "另一个新源县", "Another Xinyuan"),
        }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("ORG_UNIT_EXISTS", Reason(error));
        Assert.Equal("新源县", (await _client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "654025" })).OrgUnit.NameZh);
    }

    [Fact]
    public async Task Merging_a_unit_through_the_mask_closes_it_and_keeps_everything_else()
    {
        var created = (await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = NewCounty("654098", "待撤并县", "County to merge", validFrom: "2010-01-01"),
        })).OrgUnit;

        var updated = (await _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654098", ClosedOn = "2024-01-01", MergedInto = "654002" },
            UpdateMask = new FieldMask { Paths = { "closed_on", "merged_into" } },
        })).OrgUnit;
        var got = (await _client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "654098" })).OrgUnit;

        Assert.Equal(updated, got);
        var expected = created.Clone();
        expected.ClosedOn = "2024-01-01";
        expected.MergedInto = "654002";
        Assert.Equal(expected, got);
    }

    [Fact]
    public async Task Merging_without_a_closing_date_is_rejected()
    {
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = NewCounty("654097", "未撤县", "Open County") });

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654097", MergedInto = "654002" },
            UpdateMask = new FieldMask { Paths = { "merged_into" } },
        }).ResponseAsync);

        Assert.Equal([("org_unit.closed_on", "REQUIRED")], Violations(error));
        Assert.Equal("", (await _client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "654097" })).OrgUnit.MergedInto);
    }

    [Theory]
    [InlineData("654000", "654025")]
    [InlineData("650000", "654000")]
    [InlineData("654000", "654000")]
    public async Task Moving_a_unit_under_itself_or_its_descendant_is_parent_cycle(string code, string newParent)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = code, ParentCode = newParent },
            UpdateMask = new FieldMask { Paths = { "parent_code" } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("PARENT_CYCLE", Reason(error));
        Assert.Equal([("org_unit.parent_code", "PARENT_CYCLE")], Violations(error));
    }

    [Fact]
    public async Task Moving_a_unit_under_another_branch_is_allowed()
    {
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = NewCounty("654088", "迁移县", "Moved County") });

        var moved = (await _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654088", ParentCode = "650000", Level = OrgUnitLevel.Prefecture },
            UpdateMask = new FieldMask { Paths = { "parent_code", "level" } },
        })).OrgUnit;

        Assert.Equal(("650000", OrgUnitLevel.Prefecture, "迁移县"), (moved.ParentCode, moved.Level, moved.NameZh));
        var children = (await _client.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "650000" })).OrgUnits;
        Assert.Contains(children, u => u.Code == "654088");
    }

    [Fact]
    public async Task Org_unit_code_cannot_change_and_unknown_units_are_not_found()
    {
        var immutable = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "654025" },
            UpdateMask = new FieldMask { Paths = { "code" } },
        }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            OrgUnit = new OrgUnit { Code = "659998", NameEn = "Nowhere" },
            UpdateMask = new FieldMask { Paths = { "name_en" } },
        }).ResponseAsync);

        Assert.Equal([("update_mask", "IMMUTABLE_FIELD")], Violations(immutable));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ORG_UNIT_NOT_FOUND", Reason(missing));
    }

    private static ProtoIndicator NewIndicator(string code, string unit,
        Accumulation accumulation = Accumulation.YearToDate, ProtoAggregation aggregation = ProtoAggregation.Sum) => new()
    {
        Code = code,
        NameZh = "测试指标 " + code,
        NameEn = "Test indicator " + code,
        Unit = unit,
        Accumulation = accumulation,
        Aggregation = aggregation,
        DisplayPrecision = 2,
        Description = "Created by CatalogAdminTests.",
        MinValue = new ProtoDecimal { Value = "0" },
        MaxYoyChangePct = new ProtoDecimal { Value = "50" },
    };

    private static OrgUnit NewCounty(string code, string nameZh, string nameEn, string validFrom = "", string closedOn = "") => new()
    {
        Code = code,
        NameZh = nameZh,
        NameEn = nameEn,
        Level = OrgUnitLevel.County,
        ParentCode = "654000",
        ValidFrom = validFrom,
        ClosedOn = closedOn,
    };

    private async Task<List<ProtoIndicator>> ListAllIndicatorsAsync()
    {
        var all = new List<ProtoIndicator>();
        var token = "";
        do
        {
            var page = await _client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000, PageToken = token });
            all.AddRange(page.Indicators);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
