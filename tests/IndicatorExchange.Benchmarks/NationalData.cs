using System.Globalization;
using System.Text;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// The generated data of the benchmarks: a tree of regions, prefectures and counties, a catalog of indicators in 亿元
/// (year to date, annual and quarterly, summed), and a deterministic figure for every county × indicator × quarter.
/// Full: 31 regions, 330 prefectures (10 or 11 each), 2,850 counties (8 or 9 each), 200 indicators.
/// Quick: 1 region, 10 prefectures, 90 counties, 50 indicators.
/// The regions hang under one nation root <see cref="Nation"/>, so that one token scoped to it covers the whole generated
/// tree (the demo's Ili tree, 650000, stays a root of its own beside it).
/// Region i is "(11+i)0000", its prefecture j "(11+i)(j+1)00", that prefecture's county k "(11+i)(j+1)(k+1)"
/// (the demo's Xinjiang codes 65xxxx never collide, nor does the nation's 100000).
/// </summary>
public sealed class NationalData
{
    public const string Year = "2025";

    /// <summary>The root of the generated tree, above every region.</summary>
    public const string Nation = "100000";

    private NationalData(bool quick, int? regionCount)
    {
        Quick = quick;
        Units.Add(new OrgUnit { Code = Nation, NameZh = "全国", NameEn = "Nation", Level = OrgUnitLevel.Nation });
        var regions = regionCount ?? (quick ? 1 : 31);
        for (var r = 0; r < regions; r++)
        {
            var region = Code(11 + r, 0, 0);
            Units.Add(new OrgUnit { Code = region, NameZh = $"省{r + 1}", NameEn = $"Region {r + 1}", Level = OrgUnitLevel.Province, ParentCode = Nation });
            var prefectureCount = quick ? 10 : r < 20 ? 11 : 10;
            for (var p = 0; p < prefectureCount; p++)
            {
                var prefecture = Code(11 + r, p + 1, 0);
                var countyCount = quick ? 9 : Prefectures.Count < 210 ? 9 : 8;
                Prefectures.Add(prefecture);
                ParentOf[prefecture] = region;
                Units.Add(new OrgUnit { Code = prefecture, NameZh = $"市{prefecture}", NameEn = $"Prefecture {prefecture}", Level = OrgUnitLevel.Prefecture, ParentCode = region });
                for (var c = 0; c < countyCount; c++)
                {
                    var county = Code(11 + r, p + 1, c + 1);
                    Counties.Add(county);
                    CountiesOf.TryAdd(prefecture, []);
                    CountiesOf[prefecture].Add(county);
                    ParentOf[county] = prefecture;
                    Units.Add(new OrgUnit { Code = county, NameZh = $"县{county}", NameEn = $"County {county}", Level = OrgUnitLevel.County, ParentCode = prefecture });
                }
            }
            Regions.Add(region);
        }
        var indicatorCount = quick ? 50 : 200;
        for (var i = 1; i <= indicatorCount; i++)
        {
            Indicators.Add(string.Create(CultureInfo.InvariantCulture, $"BENCH_{i:000}"));
        }
    }

    public bool Quick { get; }

    public List<OrgUnit> Units { get; } = [];

    public List<string> Regions { get; } = [];

    public List<string> Prefectures { get; } = [];

    public List<string> Counties { get; } = [];

    public Dictionary<string, List<string>> CountiesOf { get; } = [];

    /// <summary>The parent of each prefecture and county.</summary>
    public Dictionary<string, string> ParentOf { get; } = [];

    /// <summary>The smallest unit whose subtree holds all these counties: their prefecture, else their region, else the nation.</summary>
    public string CoveringUnit(IReadOnlyCollection<string> counties)
    {
        var prefectures = counties.Select(c => ParentOf[c]).Distinct().ToList();
        if (prefectures.Count == 1)
        {
            return prefectures[0];
        }
        var regions = prefectures.Select(p => ParentOf[p]).Distinct().ToList();
        return regions.Count == 1 ? regions[0] : Nation;
    }

    public List<string> Indicators { get; } = [];

    public int FiguresPerQuarter => Counties.Count * Indicators.Count;

    /// <param name="regions">How many regions to generate instead of the mode's (1 quick, 31 full), for a larger quick data set.</param>
    public static NationalData Generate(bool quick, int? regions = null) => new(quick, regions);

    /// <summary>The q-th quarter from the first of <see cref="Year"/> on (the fifth is the next year's Q1).</summary>
    public static string Quarter(int q) => $"{int.Parse(Year, System.Globalization.CultureInfo.InvariantCulture) + (q - 1) / 4}Q{(q - 1) % 4 + 1}";

    /// <summary>The year-to-date value of a figure (亿元, two decimals), growing from quarter to quarter.</summary>
    public static decimal Value(int county, int indicator, int quarter) =>
        ((county * 7919L + indicator * 104729L) % 49_000 + 1_000) / 100m * quarter;

    /// <summary>Reported year-on-year growth in %, −5.0 to 14.9.</summary>
    public static decimal Growth(int county, int indicator) => ((county * 31 + indicator * 17) % 200 - 50) / 10m;

    /// <summary>The exact total of one indicator over a prefecture's counties, for checking the summaries.</summary>
    public decimal PrefectureTotal(string prefecture, int indicator, int quarter) =>
        CountiesOf[prefecture].Sum(county => Value(Counties.IndexOf(county), indicator, quarter));

    /// <summary>Writes the tree as the org-unit CSV that <c>indicatorexchange import-org-units</c> reads.</summary>
    public string WriteOrgUnitsCsv(string directory)
    {
        var path = Path.Combine(directory, "org-units.csv");
        var text = new StringBuilder("code,name_zh,name_en,level,parent_code\n");
        foreach (var unit in Units)
        {
            text.Append(CultureInfo.InvariantCulture, $"{unit.Code},{unit.NameZh},{unit.NameEn},{unit.Level switch
            {
                OrgUnitLevel.Nation => "nation",
                OrgUnitLevel.Province => "province",
                OrgUnitLevel.Prefecture => "prefecture",
                _ => "county",
            }},{unit.ParentCode}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Writes the catalog in the shape of DemoData/catalog.csv.</summary>
    public string WriteCatalogCsv(string directory)
    {
        var path = Path.Combine(directory, "catalog.csv");
        var text = new StringBuilder(
            "code,name_zh,name_en,unit,accumulation,aggregation,weight_indicator,display_precision,periodicities,min_value,max_value,max_yoy_change_pct,jan_feb_combined,description\n");
        for (var i = 0; i < Indicators.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{Indicators[i]},基准指标{i + 1:000},Benchmark indicator {i + 1:000},亿元,year_to_date,sum,,2,annual quarterly,0,,,false,Generated for the benchmarks.\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Reads a catalog CSV written by <see cref="WriteCatalogCsv"/> into CreateIndicator messages (no quoted fields).</summary>
    public static List<Contracts.Indicator.V1.Indicator> ReadCatalogCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',').Select((name, index) => (name, index)).ToDictionary(h => h.name, h => h.index);
        var indicators = new List<Contracts.Indicator.V1.Indicator>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var indicator = new Contracts.Indicator.V1.Indicator
            {
                Code = f[header["code"]],
                NameZh = f[header["name_zh"]],
                NameEn = f[header["name_en"]],
                Unit = f[header["unit"]],
                Accumulation = f[header["accumulation"]] == "year_to_date" ? Accumulation.YearToDate : Accumulation.Period,
                Aggregation = f[header["aggregation"]] == "sum" ? Aggregation.Sum : Aggregation.None,
                DisplayPrecision = int.Parse(f[header["display_precision"]], CultureInfo.InvariantCulture),
                Description = f[header["description"]],
                JanFebCombined = f[header["jan_feb_combined"]] == "true",
            };
            foreach (var kind in f[header["periodicities"]].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                indicator.Periodicities.Add(kind switch { "annual" => PeriodKind.Annual, "quarterly" => PeriodKind.Quarterly, _ => PeriodKind.Monthly });
            }
            if (f[header["min_value"]] is { Length: > 0 } min)
            {
                indicator.MinValue = Contracts.Common.V1.Decimal.From(decimal.Parse(min, CultureInfo.InvariantCulture));
            }
            indicators.Add(indicator);
        }
        return indicators;
    }

    /// <summary>
    /// One quarter's figures as uploads of about <paramref name="figuresPerUpload"/> figures (whole counties, one
    /// batch message per county), at least <paramref name="minimumUploads"/> of them so that every concurrent
    /// uploader has work. Built before the clock starts.
    /// </summary>
    public List<Upload> Uploads(int quarter, int figuresPerUpload, int minimumUploads, string requestPrefix)
    {
        var countiesPerUpload = CountiesPerUpload(figuresPerUpload, minimumUploads);
        var uploads = new List<Upload>();
        for (var start = 0; start < Counties.Count; start += countiesPerUpload)
        {
            var batches = new List<UploadBatch>();
            for (var c = start; c < Math.Min(Counties.Count, start + countiesPerUpload); c++)
            {
                var batch = new UploadBatch { OrgUnit = Counties[c], Period = Quarter(quarter) };
                for (var i = 0; i < Indicators.Count; i++)
                {
                    batch.Figures.Add(new FigureInput
                    {
                        Indicator = Indicators[i],
                        Quantity = new Quantity { Value = Contracts.Common.V1.Decimal.From(Value(c, i, quarter)), Unit = "亿元" },
                        YoyGrowthPct = Contracts.Common.V1.Decimal.From(Growth(c, i)),
                        Status = FigureStatus.Reported,
                    });
                }
                batches.Add(batch);
            }
            uploads.Add(new Upload($"{requestPrefix}-{quarter}-{start}", batches, CoveringUnit([.. batches.Select(b => b.OrgUnit)])));
        }
        return uploads;
    }

    public int CountiesPerUpload(int figuresPerUpload, int minimumUploads) =>
        Math.Max(1, Math.Min(figuresPerUpload / Indicators.Count, (int)Math.Ceiling(Counties.Count / (double)minimumUploads)));

    private static string Code(int region, int prefecture, int county) =>
        string.Create(CultureInfo.InvariantCulture, $"{region:00}{prefecture:00}{county:00}");

    /// <param name="Scope">The smallest org unit covering the upload's counties: its sender's token is scoped to it.</param>
    public sealed record Upload(string RequestId, List<UploadBatch> Batches, string Scope)
    {
        public int Figures => Batches.Sum(b => b.Figures.Count);
    }
}
