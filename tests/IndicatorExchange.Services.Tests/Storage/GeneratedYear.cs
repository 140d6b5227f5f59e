using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// One year (2023) of figures and targets for the Ili prefecture's eleven counties, generated from the catalog with a
/// fixed seed, as the requests a client sends, in order: the year's targets; every indicator of the catalog for the four
/// quarters (year to date where it accumulates) and the year, in any unit it accepts, mostly with growth rates, some
/// missing; a few figures sent preliminary, then revised as reported (UploadFigures) and as final (SubmitFigures); and a
/// revision of some targets.
/// </summary>
public sealed class GeneratedYear
{
    public const int Year = 2023;

    /// <summary>A county that sends no GDP for Q1, so that the prefecture's Q1 GDP is partial.</summary>
    public const string CountyWithoutGdpInQ1 = "654004";

    public static readonly IReadOnlyList<string> Periods = ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2023"];

    /// <summary>The share of the year's value reached by the end of each quarter, for year-to-date indicators.</summary>
    private static readonly decimal[] YearToDateShares = [0.22m, 0.47m, 0.73m, 1m];

    private readonly Random _random = new(20230611);
    private readonly Dictionary<(string OrgUnit, string Indicator), decimal> _levels = [];
    private readonly Dictionary<(string OrgUnit, string Period), List<FigureInput>> _sheets = [];
    private readonly List<Revisable> _revised = [];
    private readonly Dictionary<(string OrgUnit, string Period, string Indicator), decimal> _values = [];
    private readonly List<object> _requests = [];

    public GeneratedYear(IReadOnlyList<ProtoIndicator> catalog)
    {
        foreach (var (county, index) in Uploads.Counties.Select((c, i) => (c, i)))
        {
            foreach (var indicator in catalog)
            {
                Generate(county, 0.6m + (0.15m * index), indicator);
            }
        }
        _requests.Add(Targets("", Uploads.Counties.SelectMany(CountyTargets).Append(
            Target(SuiteAnswers.Prefecture, "GDP", TargetKind.GrowthAtLeast, 7m, "%"))));
        for (var p = 0; p < Periods.Count; p++)
        {
            var sheets = _sheets.Where(s => s.Key.Period == Periods[p]).Select(s => (s.Key.OrgUnit, s.Value)).ToList();
            if (p % 2 == 0)
            {
                _requests.AddRange(sheets.Select(s => Submit(s.OrgUnit, Periods[p], s.Value)));
            }
            else
            {
                _requests.Add(Upload($"year-upload-{Periods[p]}", sheets.Select(s => Uploads.Part(s.OrgUnit, Periods[p], [.. s.Value]))));
            }
        }
        ReviseFigures();
        _requests.Add(Targets("revised by the county people's congress 县人大调整", Uploads.Counties.Take(3).Select((county, i) =>
            Target(county, "GDP", TargetKind.GrowthAtLeast, 9m + (0.5m * i), "%")).Append(
            Target(Uploads.Counties[3], "LIVESTOCK_ON_HAND", TargetKind.ValueAtMost, _levels[(Uploads.Counties[3], "LIVESTOCK_ON_HAND")], "万头(只)"))));
    }

    /// <summary>The requests in the order to send them: SubmitFiguresRequest, UploadFiguresRequest[] (one upload) or SetTargetsRequest.</summary>
    public IReadOnlyList<object> Requests => _requests;

    /// <summary>The newest value of each figure sent, in the indicator's canonical unit.</summary>
    public IReadOnlyDictionary<(string OrgUnit, string Period, string Indicator), decimal> Values => _values;

    /// <summary>The org units and periods with a revised figure.</summary>
    public IReadOnlyList<(string OrgUnit, string Period)> Revised => [.. _revised.Select(r => (r.OrgUnit, r.Period)).Distinct()];

    /// <summary>The sum of the counties' newest values of an indicator for a period, as the prefecture should total it.</summary>
    public decimal Total(string period, string indicator) =>
        _values.Where(v => v.Key.Period == period && v.Key.Indicator == indicator).Sum(v => v.Value);

    private void Generate(string county, decimal scale, ProtoIndicator indicator)
    {
        var places = indicator.Unit is "%" ? 1 : indicator.Unit is "元" or "家" or "户" ? 0 : 2;
        var level = Math.Round(indicator.Unit switch
        {
            "%" when indicator.Accumulation == Accumulation.Period => 3m + (3m * Next()),
            "%" => 80m + (15m * Next()),
            "元" => 30000m + (15000m * Next()),
            _ => (5m + (295m * Next())) * scale,
        }, places);
        _levels[(county, indicator.Code)] = level;
        if (Next() < 0.05m)
        {
            return; // this county does not report the indicator this year
        }
        decimal? growth = indicator.Unit is "%" || Next() < 0.25m ? null : Math.Round(-3m + (18m * Next()), 1);
        var quarterly = indicator.Periodicities.Contains(PeriodKind.Quarterly);
        for (var q = 0; q < 4; q++)
        {
            var missing = (county == CountyWithoutGdpInQ1 && indicator.Code == "GDP" && q == 0) || Next() < 0.03m;
            var value = Math.Round(indicator.Accumulation switch
            {
                Accumulation.YearToDate => level * YearToDateShares[q],
                _ => level * (1m + (0.01m * (q - 1))),
            }, places);
            if (quarterly && !missing)
            {
                Add(county, Periods[q], indicator, value, growth + Math.Round(Next() - 0.5m, 1), places);
            }
            if (q == 3)
            {
                Add(county, Periods[4], indicator, value, growth, places);
            }
        }
    }

    private void Add(string county, string period, ProtoIndicator indicator, decimal value, decimal? growth, int places)
    {
        var unit = indicator.AcceptedUnits.Count > 1 && Next() < 0.4m ? indicator.AcceptedUnits[_random.Next(indicator.AcceptedUnits.Count)] : indicator.Unit;
        var converted = UnitTable.TryGet(indicator.Unit, out var canonical) && UnitTable.TryGet(unit, out var sent)
            && UnitTable.TryConvert(value, canonical, sent, out var exact) ? exact : throw new InvalidOperationException($"{value} {indicator.Unit} in {unit}");
        var figure = Grpc.Figure(indicator.Code, DecimalText.Format(converted), unit, growth is null ? null : DecimalText.Format(growth.Value));
        if (Next() < 0.04m)
        {
            figure.Status = FigureStatus.Preliminary;
            figure.Note = "预计 / preliminary";
            _revised.Add(new Revisable(county, period, figure, indicator.Unit, places));
        }
        _values[(county, period, indicator.Code)] = value;
        if (!_sheets.TryGetValue((county, period), out var sheet))
        {
            _sheets[(county, period)] = sheet = [];
        }
        sheet.Add(figure);
    }

    /// <summary>Each preliminary figure reported lower (every fifth by 15%, beyond the catalog's 10% for a revision's warning), then final.</summary>
    private void ReviseFigures()
    {
        var reported = new List<UploadFiguresRequest>();
        var final = new Dictionary<(string OrgUnit, string Period), List<FigureInput>>();
        foreach (var (figure, i) in _revised.Select((r, i) => (r, i)))
        {
            var key = (figure.OrgUnit, figure.Period, figure.First.Indicator);
            _values[key] = Math.Round(_values[key] * (i % 5 == 0 ? 0.85m : 0.98m), figure.Places);
            reported.Add(Uploads.Part(figure.OrgUnit, figure.Period, figure.Revision(_values[key], FigureStatus.Reported)));
            if (i % 2 == 0)
            {
                _values[key] = Math.Round(_values[key] * 0.99m, figure.Places);
            }
            if (!final.TryGetValue((figure.OrgUnit, figure.Period), out var sheet))
            {
                final[(figure.OrgUnit, figure.Period)] = sheet = [];
            }
            sheet.Add(figure.Revision(_values[key], FigureStatus.Final));
        }
        _requests.Add(Upload("year-upload-reported", reported));
        _requests.AddRange(final.Select(f => Submit(f.Key.OrgUnit, f.Key.Period, f.Value)));
    }

    /// <summary>A figure first sent preliminary, with the canonical unit and the decimal places of its values.</summary>
    private sealed record Revisable(string OrgUnit, string Period, FigureInput First, string Unit, int Places)
    {
        /// <summary>The figure again, in the canonical unit, with a new value and status.</summary>
        public FigureInput Revision(decimal value, FigureStatus status)
        {
            var revision = First.Clone();
            revision.Status = status;
            revision.Note = "";
            revision.Quantity = new Quantity { Value = new ProtoDecimal { Value = DecimalText.Format(value) }, Unit = Unit };
            return revision;
        }
    }

    private IEnumerable<TargetInput> CountyTargets(string county, int index)
    {
        yield return Target(county, "GDP", TargetKind.GrowthAtLeast, Math.Round(6.5m + (2.5m * Next()), 1), "%");
        var tourists = Target(county, "TOURIST_VISITS", TargetKind.ValueAtLeast, Math.Round(_levels[(county, "TOURIST_VISITS")] * 10500m), "人次");
        if (index % 2 == 1)
        {
            tourists.Milestones.AddRange(new[] { 20m, 45m, 70m, 100m }.Select(m => new ProtoDecimal { Value = DecimalText.Format(m) }));
        }
        yield return tourists;
        yield return Target(county, "LIVESTOCK_ON_HAND", TargetKind.ValueAtMost, Math.Round(_levels[(county, "LIVESTOCK_ON_HAND")] * 1.02m, 2), "万头(只)");
        yield return Target(county, "SURVEYED_UNEMPLOYMENT_RATE", TargetKind.RateAtMost, 5.5m, "%");
        yield return Target(county, "COMPULSORY_EDUCATION_RETENTION_RATE", TargetKind.RateAtLeast, 90m, "%");
    }

    private static TargetInput Target(string orgUnit, string indicator, TargetKind kind, decimal threshold, string unit) => new()
    {
        OrgUnit = orgUnit,
        Indicator = indicator,
        Year = Year,
        Kind = kind,
        Threshold = new ProtoDecimal { Value = DecimalText.Format(threshold) },
        Unit = unit,
    };

    private static SetTargetsRequest Targets(string reason, IEnumerable<TargetInput> targets)
    {
        var request = new SetTargetsRequest { Reason = reason };
        request.Targets.AddRange(targets);
        return request;
    }

    private SubmitFiguresRequest Submit(string orgUnit, string period, IEnumerable<FigureInput> figures)
    {
        var request = Grpc.Batch(orgUnit, period, [.. figures]);
        request.RequestId = $"year-submit-{_requests.Count}";
        return request;
    }

    private static UploadFiguresRequest[] Upload(string requestId, IEnumerable<UploadFiguresRequest> batches) =>
        [Uploads.Header(requestId), .. batches];

    private decimal Next() => (decimal)_random.NextDouble();
}
