using GradingEngine.Batch;
using System.Diagnostics;
using System.Text;
using GradingEngine.Samples;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Batch;

public class SampleProvinceTests
{
    private const int CalibrationSize = 2000;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private string _root = null!;
    private SampleProvinceInfo _calibration = null!;
    private Lazy<List<GradedOrganisation>> _calibrationGraded = null!;

    private static GradingScheme Organisation => GoldenCases.Catalogue["org-sanfenlei"];

    [OneTimeSetUp]
    public void WriteCalibrationSample()
    {
        _root = Path.Combine(Path.GetTempPath(), "sample-province-tests-" + Guid.NewGuid().ToString("N"));
        _calibration = SampleProvince.Write(Folder("calibration"), Organisation, new SampleProvinceOptions { Organisations = CalibrationSize });
        _calibrationGraded = new(() => GradeSample(Organisation, _calibration.Folder));
    }

    [OneTimeTearDown]
    public void DeleteSamples()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [TestCase(SampleFileFormat.Csv)]
    [TestCase(SampleFileFormat.JsonLines)]
    public void Write_SameSeedTwice_ByteIdenticalFiles(SampleFileFormat format)
    {
        var options = new SampleProvinceOptions { Organisations = 300, Format = format, CorruptRowsPerFile = 9 };
        var first = SampleProvince.Write(Folder("a"), Organisation, options);
        var second = SampleProvince.Write(Folder("b"), Organisation, options);

        Assert.That(second.Files, Is.EqualTo(first.Files));
        Assert.That(second.CorruptRows, Is.EqualTo(first.CorruptRows));
        foreach (var file in first.Files)
        {
            Assert.That(SameBytes(Path.Combine(second.Folder, file.Name), Path.Combine(first.Folder, file.Name)), file.Name);
        }
    }

    [Test]
    public void Write_DifferentSeed_DifferentFiles()
    {
        var first = SampleProvince.Write(Folder("seed1"), Organisation, new SampleProvinceOptions { Organisations = 200, Seed = 1 });
        var second = SampleProvince.Write(Folder("seed2"), Organisation, new SampleProvinceOptions { Organisations = 200, Seed = 2 });

        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv" })
        {
            Assert.That(SameBytes(Path.Combine(second.Folder, name), Path.Combine(first.Folder, name)), Is.False, name);
        }
    }

    [Test]
    public void Write_ADefaultSample_PinnedFirstRows()
    {
        // Guards the promise that a seed gives the same files on every runtime: if this changes, samples changed.
        var lines = File.ReadLines(Path.Combine(_calibration.Folder, "organisations.csv")).Skip(1).Take(2).ToList();
        var members = File.ReadLines(Path.Combine(_calibration.Folder, "members.csv")).Skip(1).First();

        Assert.That(lines[0], Is.EqualTo("D010100001,青岚市东湖区菱门科技公司党支部,示例省,青岚市,东湖区,13,是,是,0,是,否,否,是,是,12,11,4,1,12,是,是,是,0,是,是,否,0,否,否,12,12,0,20,8,1,0,0"));
        Assert.That(lines[1], Does.StartWith("D010100002,"));
        Assert.That(members, Does.StartWith("D010100001-001,D010100001,正式党员,"));
    }

    [Test]
    public void Write_RowCounts_OneOrganisationTeamAndLastYearRowEach_MembersAsReported()
    {
        var info = _calibration;
        var folder = info.Folder;

        Assert.That(info.Files.Select(f => f.Name), Is.EqualTo(new[] { "organisations.csv", "teams.csv", "members.csv", "last-year.csv" }));
        Assert.That(info.Organisations, Is.EqualTo(CalibrationSize));
        Assert.That(info.Teams, Is.EqualTo(CalibrationSize));
        Assert.That(info.RowsIn("organisations.csv"), Is.EqualTo(CalibrationSize));
        Assert.That(info.RowsIn("teams.csv"), Is.EqualTo(CalibrationSize));
        Assert.That(info.RowsIn("last-year.csv"), Is.EqualTo(CalibrationSize));
        Assert.That(info.RowsIn("members.csv"), Is.EqualTo(info.Members));
        foreach (var file in info.Files)
        {
            Assert.That(File.ReadLines(Path.Combine(folder, file.Name)).LongCount(), Is.EqualTo(file.Rows + 1), file.Name + ": header and rows");
        }

        Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty);
        Assert.That(info.CorruptRows, Is.Empty);
        Assert.That((info.Cities, info.Counties), Is.EqualTo((2, 4)));
    }

    [Test]
    public void Write_Headers_AreTheSchemesInputLabels()
    {
        var catalogue = GoldenCases.Catalogue;
        static IEnumerable<string> Labels(GradingScheme scheme) =>
            scheme.Inputs.Where(i => i.Id is not ("党员" or "班子")).Select(i => i.Label.Replace('·', '.'));

        string[] organisations = ["组织编号", "组织名称", "省", "市", "县", .. Labels(catalogue["org-sanfenlei"])];
        string[] teams = ["组织编号", .. Labels(catalogue["team-sihao"])];
        string[] members = ["党员编号", "组织编号", .. Labels(catalogue["member-wudai"])];

        Assert.That(Header("organisations.csv"), Is.EqualTo(organisations));
        Assert.That(Header("teams.csv"), Is.EqualTo(teams));
        Assert.That(Header("members.csv"), Is.EqualTo(members));
        Assert.That(Header("last-year.csv"), Is.EqualTo(new[] { "组织编号", "等级" }));
        Assert.That(teams, Does.Contain("政治素质好测评.班子自评"));
        Assert.That(organisations, Does.Contain("满意度测评“很满意”人数"));

        string[] Header(string file) => File.ReadLines(Path.Combine(_calibration.Folder, file)).First().Split(',');
    }

    [Test]
    public void Write_Members_3To50PerOrganisation_AboutTwentyOnAverage_InOrganisationOrder()
    {
        var organisations = ReadCsv("organisations.csv").Select(r => r["组织编号"]).ToList();
        var members = ReadCsv("members.csv");
        var counts = members.GroupBy(m => m["组织编号"]).ToDictionary(g => g.Key, g => g.Count());

        Assert.That(organisations, Is.Unique.And.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(members.Select(m => m["组织编号"]).Distinct(), Is.EqualTo(organisations), "grouped by organisation, in organisation order");
        Assert.That(counts.Values, Has.All.InRange(3, 50));
        Assert.That(counts.Values.Average(), Is.InRange(18.0, 22.0));
        Assert.That(counts.Values.Count(c => c < 10), Is.GreaterThan(0), "small branches");
        Assert.That(counts.Values.Count(c => c > 40), Is.GreaterThan(0), "and a tail of large ones");
        Assert.That(members.Select(m => m["党员编号"]).ToHashSet(), Has.Count.EqualTo(members.Count), "member ids are unique");
        Assert.That(members.Take(3).Select(m => m["党员编号"]), Is.EqualTo(new[] { "D010100001-001", "D010100001-002", "D010100001-003" }));
        Assert.That(ReadCsv("organisations.csv").Select(r => r["组织名称"]), Has.All.Matches<string>(name => name!.StartsWith("青岚市", StringComparison.Ordinal) || name!.StartsWith("云溪市", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The sample graded with the public API, organisation by organisation with its team and members: the spread must
    /// look like reality (one county: 好 10%, 较好 61%, 一般 20%, 较差 9% ≈ 一类 71%, 二类 20%, 三类 9%).
    /// </summary>
    [Test]
    public void Grade_CalibrationSample_RealisticSpreadOfOrganisationsTeamsAndMembers()
    {
        var graded = _calibrationGraded.Value;
        var n = (double)graded.Count;
        double Share(Func<GradedOrganisation, bool> predicate) => graded.Count(predicate) / n;
        TestContext.Out.WriteLine(Describe(graded));

        Assert.That(Share(g => g.Result.Level!.Label == "一类"), Is.InRange(0.65, 0.75));
        Assert.That(Share(g => g.Result.Level!.Label == "二类"), Is.InRange(0.15, 0.25));
        Assert.That(Share(g => g.Result.Level!.Label == "三类"), Is.InRange(0.08, 0.12));
        Assert.That(Share(g => g.Result.HasFlag("软弱涣散")), Is.InRange(0.06, 0.12));

        var teams = graded.Select(g => g.Result.Linked["班子"].Single().Level!.Label).ToList();
        Assert.That(teams.Count(t => t == "四好班子") / n, Is.InRange(0.2, 0.5));
        Assert.That(teams.Count(t => t == "合格") / n, Is.InRange(0.45, 0.75));
        Assert.That(teams.Count(t => t == "不合格") / n, Is.InRange(0.01, 0.08));

        var members = graded.SelectMany(g => g.Result.Linked["党员"]).ToList();
        double MemberShare(string? level) => members.Count(m => m.Level?.Label == level) / (double)members.Count;
        Assert.That(MemberShare("优秀"), Is.InRange(0.15, 0.33));
        Assert.That(MemberShare("合格"), Is.InRange(0.6, 0.8));
        Assert.That(MemberShare("基本合格"), Is.InRange(0.005, 0.05));
        Assert.That(MemberShare("不合格"), Is.InRange(0.002, 0.02));
        Assert.That(MemberShare(null), Is.InRange(0.01, 0.03), "预备党员 get no level");
        Assert.That(members.Count(m => m.HasFlag("自行脱党")) / (double)members.Count, Is.GreaterThan(0).And.LessThan(0.005), "a rare 自行脱党");

        var overThird = graded.Count(g => g.Result.Linked["党员"].Count(m => m.Level?.Label == "优秀") * 3 > g.Result.Linked["党员"].Count(m => m.Level is not null));
        Assert.That(overThird / n, Is.LessThan(0.05), "优秀 at most a third of a branch, nearly everywhere");

        // The summary columns (for grading without a member list) agree with the members' own grades.
        var agree = graded.Count(g =>
            g.Row["民主评议定等人数（汇总）"] == g.Result.Linked["党员"].Count(m => m.Level is not null).ToString(System.Globalization.CultureInfo.InvariantCulture)
            && g.Row["评为不合格的人数（汇总）"] == g.Result.Linked["党员"].Count(m => m.Level?.Label == "不合格").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(agree / n, Is.GreaterThan(0.98));
    }

    [Test]
    public void Grade_CalibrationSample_LastYearGivesARealisticYearOverYearMix()
    {
        // Last year's results kept to the scheme's quota, so they are compared with this year's batch results.
        var output = Folder("calibration-results");
        var summary = new ProvinceGrader(Organisation).Grade(ProvinceFiles.InFolder(_calibration.Folder), output);
        var t = summary.YearOverYear!.Totals;
        var n = (double)t.Compared;

        Assert.That(t.Same / n, Is.InRange(0.45, 0.9), "most 持平");
        Assert.That(t.Upgraded / n, Is.InRange(0.05, 0.3), "some 升级");
        Assert.That(t.Downgraded / n, Is.InRange(0.02, 0.3), "a few 降级");
        Assert.That(t.BottomLastYear / n, Is.InRange(0.06, 0.15));
        Assert.That(t.BottomMovedUp / (double)t.BottomLastYear, Is.InRange(0.25, 0.75), "weak ones turned round");
    }

    [Test]
    public void Grade_FourLevelVariant_CloseToTheRealCounty()
    {
        var scheme = GoldenCases.Catalogue["org-fenlei-dingji"];
        var info = SampleProvince.Write(Folder("fenlei"), scheme, new SampleProvinceOptions { Organisations = 1000, Seed = 7 });
        var graded = GradeSample(scheme, info.Folder);
        double Share(string level) => graded.Count(g => g.Result.Level!.Label == level) / (double)graded.Count;

        Assert.That(File.ReadLines(Path.Combine(info.Folder, "last-year.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct(), Is.SubsetOf(new[] { "好", "较好", "一般", "较差" }));
        Assert.That(Share("好"), Is.InRange(0.05, 0.16));
        Assert.That(Share("较好"), Is.InRange(0.5, 0.7));
        Assert.That(Share("一般"), Is.InRange(0.14, 0.27));
        Assert.That(Share("较差"), Is.InRange(0.07, 0.13));
    }

    [Test]
    public void Write_Gb18030_DecodesToTheSameTextAsUtf8()
    {
        var utf8 = SampleProvince.Write(Folder("utf8"), Organisation, new SampleProvinceOptions { Organisations = 150 });
        var gb = SampleProvince.Write(Folder("gb"), Organisation, new SampleProvinceOptions { Organisations = 150, Encoding = SampleEncoding.Gb18030 });
        var bom = SampleProvince.Write(Folder("bom"), Organisation, new SampleProvinceOptions { Organisations = 150, Encoding = SampleEncoding.Utf8WithBom });
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

        foreach (var file in utf8.Files)
        {
            var expected = StrictUtf8.GetString(File.ReadAllBytes(Path.Combine(utf8.Folder, file.Name)));
            var gbBytes = File.ReadAllBytes(Path.Combine(gb.Folder, file.Name));
            var bomBytes = File.ReadAllBytes(Path.Combine(bom.Folder, file.Name));

            Assert.That(gb18030.GetString(gbBytes), Is.EqualTo(expected), file.Name);
            Assert.That(SameBytes(Path.Combine(gb.Folder, file.Name), Path.Combine(utf8.Folder, file.Name)), Is.False, "really another encoding");
            Assert.That(bomBytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
            Assert.That(StrictUtf8.GetString(bomBytes, 3, bomBytes.Length - 3), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Write_JsonLines_SameValuesAsCsv_NumbersAsNumbersBooleansAsBooleans()
    {
        var csv = SampleProvince.Write(Folder("csv"), Organisation, new SampleProvinceOptions { Organisations = 80, Encoding = SampleEncoding.Gb18030 });
        var json = SampleProvince.Write(Folder("json"), Organisation, new SampleProvinceOptions { Organisations = 80, Format = SampleFileFormat.JsonLines, Encoding = SampleEncoding.Gb18030 });

        Assert.That(json.Files.Select(f => f.Name), Is.EqualTo(new[] { "organisations.jsonl", "teams.jsonl", "members.jsonl", "last-year.jsonl" }));
        Assert.That(json.Files.Select(f => f.Rows), Is.EqualTo(csv.Files.Select(f => f.Rows)));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        foreach (var (name, jsonName) in new[] { ("organisations.csv", "organisations.jsonl"), ("members.csv", "members.jsonl"), ("teams.csv", "teams.jsonl"), ("last-year.csv", "last-year.jsonl") })
        {
            var csvRows = ReadCsv(name, csv.Folder, Encoding.GetEncoding("GB18030"));
            var jsonLines = StrictUtf8.GetString(File.ReadAllBytes(Path.Combine(json.Folder, jsonName))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(jsonLines, Has.Length.EqualTo(csvRows.Count), "JSON Lines has no header: one line per row");
            for (var i = 0; i < jsonLines.Length; i++)
            {
                var obj = JObject.Parse(jsonLines[i]);
                Assert.That(obj.Properties().Select(p => p.Name), Is.EqualTo(csvRows[i].Keys), $"{jsonName}:{i + 1}");
                foreach (var property in obj.Properties())
                {
                    var text = property.Value.Type switch
                    {
                        JTokenType.Boolean => (bool)property.Value ? "是" : "否",
                        JTokenType.Integer => ((long)property.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        JTokenType.String => (string)property.Value!,
                        _ => throw new AssertionException($"{jsonName}:{i + 1} {property.Name} is {property.Value.Type}"),
                    };
                    Assert.That(text, Is.EqualTo(csvRows[i][property.Name]), $"{jsonName}:{i + 1} {property.Name}");
                }
            }
        }

        var organisation = JObject.Parse(File.ReadLines(Path.Combine(json.Folder, "organisations.jsonl")).First());
        Assert.That(organisation["党员人数"]!.Type, Is.EqualTo(JTokenType.Integer));
        Assert.That(organisation["设立支部委员会"]!.Type, Is.EqualTo(JTokenType.Boolean));
        Assert.That(organisation["组织编号"]!.Type, Is.EqualTo(JTokenType.String));
    }

    [TestCase(SampleFileFormat.Csv, SampleEncoding.Utf8)]
    [TestCase(SampleFileFormat.Csv, SampleEncoding.Gb18030)]
    [TestCase(SampleFileFormat.JsonLines, SampleEncoding.Utf8)]
    public void Write_CorruptRows_ExactlyTheRecordedLinesAreBad(SampleFileFormat format, SampleEncoding encoding)
    {
        const int perFile = 16;
        var info = SampleProvince.Write(Folder($"corrupt-{format}-{encoding}"), Organisation,
            new SampleProvinceOptions { Organisations = 60, CorruptRowsPerFile = perFile, Format = format, Encoding = encoding });
        var clean = SampleProvince.Write(Folder($"clean-{format}-{encoding}"), Organisation,
            new SampleProvinceOptions { Organisations = 60, Format = format, Encoding = encoding });

        var kinds = encoding == SampleEncoding.Gb18030
            ? new[] { "NotANumber", "OutOfRange", "MissingRequired", "MissingId", "UnknownOrganisation", "WrongFieldCount" }
            : new[] { "NotANumber", "OutOfRange", "MissingRequired", "MissingId", "UnknownOrganisation", "WrongFieldCount", "InvalidEncoding" };
        Assert.That(info.Files.Select(f => f.Rows), Is.EqualTo(clean.Files.Select(f => f.Rows)), "a bad row replaces a good one");
        foreach (var file in info.Files.Take(3))
        {
            var records = info.CorruptRows.Where(r => r.File == file.Name).ToList();
            var expected = file.Name.StartsWith("organisations", StringComparison.Ordinal)
                ? kinds.Select(k => k == "UnknownOrganisation" ? "DuplicateId" : k).ToArray()
                : kinds;
            Assert.That(records.Select(r => r.Kind), Is.EqualTo(Enumerable.Range(0, perFile).Select(i => expected[i % expected.Length])), file.Name + ": the kinds in turn");
            Assert.That(records.Select(r => r.Line), Is.Ordered.And.Unique.And.All.GreaterThan(format == SampleFileFormat.Csv ? 1 : 0));

            var badLines = records.ToDictionary(r => r.Line, r => r.Kind);
            var checker = new LineChecker(info, clean, file.Name, format, encoding);
            var lines = SplitLines(File.ReadAllBytes(Path.Combine(info.Folder, file.Name)));
            var cleanLines = SplitLines(File.ReadAllBytes(Path.Combine(clean.Folder, file.Name)));
            for (var i = format == SampleFileFormat.Csv ? 1 : 0; i < lines.Count; i++)
            {
                var line = i + 1;
                var problem = checker.Problem(lines[i]);
                if (badLines.TryGetValue(line, out var kind))
                {
                    Assert.That(problem, Is.EqualTo(kind), $"{file.Name}:{line} should be bad ({kind})");
                }
                else
                {
                    Assert.That(problem, Is.Null, $"{file.Name}:{line} should be good");
                    Assert.That(lines[i].AsSpan().SequenceEqual(cleanLines[i]), $"{file.Name}:{line} is as without bad rows");
                }
            }
        }
    }

    [Test]
    public void Write_Progress_ReportsRowsWrittenUpToTheTotal()
    {
        var reports = new List<long>();
        var info = SampleProvince.Write(Folder("progress"), Organisation, new SampleProvinceOptions { Organisations = 3000, LastYear = false }, new SynchronousProgress(reports.Add));

        Assert.That(info.Files.Select(f => f.Name), Is.EqualTo(new[] { "organisations.csv", "teams.csv", "members.csv" }));
        Assert.That(File.Exists(Path.Combine(info.Folder, "last-year.csv")), Is.False);
        Assert.That(reports, Has.Count.GreaterThan(2).And.Ordered);
        Assert.That(reports[^1], Is.EqualTo(info.Files.Sum(f => f.Rows)));
    }

    [Test]
    public void Write_Cancelled_ThrowsAndLeavesNoFiles()
    {
        var folder = Folder("cancelled");
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cancellation.Cancel());

        Assert.That(() => SampleProvince.Write(folder, Organisation, new SampleProvinceOptions { Organisations = 5000 }, progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.GetFiles(folder), Is.Empty, "neither finished nor temporary files");
    }

    [Test]
    public void Write_BadArguments_Rejected()
    {
        Assert.That(() => SampleProvince.Write(Folder("bad"), Organisation, new SampleProvinceOptions { Organisations = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => SampleProvince.Write(Folder("bad"), Organisation, new SampleProvinceOptions { CorruptRowsPerFile = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => SampleProvince.Write(Folder("bad"), GoldenCases.Catalogue["member-wudai"], new SampleProvinceOptions()),
            Throws.ArgumentException.With.Message.Contains("must link a member list and a team"));
    }

    [Test]
    public void Write_VariantTeamScheme_HeadersFollowTheLinkedScheme()
    {
        // An organisation scheme linking the state-owned-enterprise team variant: the team file follows that scheme.
        var catalogue = GoldenCases.Catalogue;
        var json = File.ReadAllText(Path.Combine(GoldenCases.SchemesFolder, "org-sanfenlei.json")).Replace("\"team-sihao\"", "\"team-sihao-soe\"", StringComparison.Ordinal);
        var scheme = GradingScheme.Parse(json, "org-soe.json", catalogue.All);
        var info = SampleProvince.Write(Folder("soe"), scheme, new SampleProvinceOptions { Organisations = 50 });

        Assert.That(File.ReadLines(Path.Combine(info.Folder, "teams.csv")).First(), Does.Contain("经营业绩好测评.班子自评").And.Not.Contain("勤政廉洁"));
        Assert.That(GradeSample(scheme, info.Folder), Has.Count.EqualTo(50), "and grades");
    }

    [Test, Explicit("Writes a whole province (~780 MB); run by hand to time it")]
    public void Write_WholeProvince_Timed()
    {
        var watch = Stopwatch.StartNew();
        var info = SampleProvince.Write(Folder("province"), Organisation, new SampleProvinceOptions { Organisations = 300_000 });
        watch.Stop();
        TestContext.Out.WriteLine($"{info.Organisations} organisations, {info.Members} members in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.That(info.Members, Is.InRange(5_500_000, 6_500_000));
    }

    private string Folder(string name) => Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    private List<Dictionary<string, string>> ReadCsv(string file, string? folder = null, Encoding? encoding = null)
    {
        var lines = (encoding ?? StrictUtf8).GetString(File.ReadAllBytes(Path.Combine(folder ?? _calibration.Folder, file))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.That(rows.Where(cells => cells.Length != header.Length).Select(cells => string.Join(',', cells)), Is.Empty, "every row has a cell per column");
        return rows.Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Each organisation of a CSV sample graded in one call with its team and members, as a batch would.</summary>
    private static List<GradedOrganisation> GradeSample(GradingScheme scheme, string folder)
    {
        List<Dictionary<string, string>> Read(string file)
        {
            var lines = File.ReadAllLines(Path.Combine(folder, file), StrictUtf8);
            var header = lines[0].Split(',');
            return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
        }

        var teams = Read("teams.csv").ToDictionary(t => t["组织编号"]);
        var members = Read("members.csv").ToLookup(m => m["组织编号"]);
        var lastYear = Read("last-year.csv").ToDictionary(t => t["组织编号"], t => t["等级"]);
        return Read("organisations.csv").Select(row =>
        {
            var id = row["组织编号"];
            var input = Subject(row, "组织编号", "组织名称", "省", "市", "县");
            input["班子"] = Subject(teams[id], "组织编号");
            input["党员"] = members[id].Select(m => (object?)Subject(m, "党员编号", "组织编号")).ToList();
            return new GradedOrganisation(row, scheme.Grade(input, GradingOptions.WithoutExplanation), lastYear[id]);
        }).ToList();
    }

    /// <summary>A row as a subject: the first column is the id, the other listed ones are left out.</summary>
    private static Dictionary<string, object?> Subject(Dictionary<string, string> row, string idColumn, params string[] skip)
    {
        var subject = new Dictionary<string, object?> { ["id"] = row[idColumn] };
        foreach (var (name, value) in row)
        {
            if (name != idColumn && !skip.Contains(name))
            {
                subject[name] = value.Length == 0 ? null : value;
            }
        }

        return subject;
    }

    private static string Describe(List<GradedOrganisation> graded)
    {
        static string Spread(IEnumerable<string> labels)
        {
            var list = labels.ToList();
            return string.Join("  ", list.GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()} ({100.0 * g.Count() / list.Count:F1}%)"));
        }

        return $"organisations: {Spread(graded.Select(g => g.Result.Level!.Label))}\n"
            + $"teams: {Spread(graded.Select(g => g.Result.Linked["班子"].Single().Level!.Label))}\n"
            + $"members: {Spread(graded.SelectMany(g => g.Result.Linked["党员"]).Select(m => m.Level?.Label ?? "（预备党员，不定等级）"))}\n"
            + $"year over year: {Spread(graded.Select(g => g.LastYear + "→" + g.Result.Level!.Label))}";
    }

    private static bool SameBytes(string path, string other) => File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(other));

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        Assert.That(start, Is.EqualTo(bytes.Length), "every line ends with \\n");
        return lines;
    }

    private sealed record GradedOrganisation(Dictionary<string, string> Row, GradingResult Result, string LastYear);

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Says what, if anything, is wrong with one line of a sample file, the way a strict reader would see it.</summary>
    private sealed class LineChecker
    {
        private readonly string _file;
        private readonly bool _json;
        private readonly Encoding _encoding;
        private readonly string[] _header;
        private readonly HashSet<string> _organisationIds;
        private readonly HashSet<string> _seenIds = [];
        private readonly GradingScheme _scheme;

        /// <param name="info">The sample with bad rows.</param>
        /// <param name="clean">The same sample without: its organisations are the ones that exist (a member of an
        /// organisation whose own row is bad is not itself a bad row).</param>
        /// <param name="file">The file to check.</param>
        /// <param name="format">Its format.</param>
        /// <param name="encoding">Its encoding.</param>
        public LineChecker(SampleProvinceInfo info, SampleProvinceInfo clean, string file, SampleFileFormat format, SampleEncoding encoding)
        {
            _file = file;
            _json = format == SampleFileFormat.JsonLines;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _encoding = encoding == SampleEncoding.Gb18030 && !_json
                ? Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                : StrictUtf8;
            var organisationFile = Path.Combine(clean.Folder, SampleProvince.FileName(SampleProvince.OrganisationsFile, format));
            var organisationLines = File.ReadAllBytes(organisationFile);
            _organisationIds = [.. SplitLines(organisationLines).Select(line => Decode(line) is { } text ? FirstValue(text) : null).OfType<string>()];
            _header = _json ? [] : _encoding.GetString(SplitLines(File.ReadAllBytes(Path.Combine(info.Folder, file)))[0]).Split(',');
            _scheme = file.StartsWith("organisations", StringComparison.Ordinal) ? Organisation
                : file.StartsWith("teams", StringComparison.Ordinal) ? GoldenCases.Catalogue["team-sihao"]
                : GoldenCases.Catalogue["member-wudai"];
        }

        public string? Problem(byte[] line)
        {
            if (Decode(line) is not { } text)
            {
                return "InvalidEncoding";
            }

            Dictionary<string, object?> row;
            if (_json)
            {
                try
                {
                    row = JObject.Parse(text).Properties().ToDictionary(p => p.Name, p => ((JValue)p.Value).Value);
                }
                catch (JsonReaderException)
                {
                    return "WrongFieldCount";
                }
            }
            else
            {
                var cells = text.Split(',');
                if (cells.Length != _header.Length)
                {
                    return "WrongFieldCount";
                }

                row = _header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : (object?)p.Second);
            }

            var members = _file.StartsWith("members", StringComparison.Ordinal);
            var ownId = members ? "党员编号" : "组织编号";
            if (row[ownId] is not string id)
            {
                return "MissingId";
            }

            if (row["组织编号"] is not string organisation || !_organisationIds.Contains(organisation))
            {
                return "UnknownOrganisation";
            }

            if (!_seenIds.Add(id))
            {
                return "DuplicateId";
            }

            var subject = row.Where(p => p.Key is not ("组织编号" or "党员编号" or "组织名称" or "省" or "市" or "县")).ToDictionary(p => p.Key, p => p.Value);
            subject["id"] = id;
            if (_scheme == Organisation)
            {
                subject["班子"] = GoldenCases.Catalogue["team-sihao"].Inputs.Where(i => i.Required).ToDictionary(i => i.Id, _ => (object?)80);
            }

            if (_scheme.TryGrade(subject, out _, out var problems))
            {
                return null;
            }

            var messages = string.Join("; ", problems);
            return messages.Contains("超出范围", StringComparison.Ordinal) ? "OutOfRange"
                : messages.Contains("不是数值", StringComparison.Ordinal) ? "NotANumber"
                : messages.Contains("缺少必需的值", StringComparison.Ordinal) ? "MissingRequired"
                : messages;
        }

        private string? Decode(byte[] line)
        {
            try
            {
                return _encoding.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }

        private string? FirstValue(string line)
        {
            if (!_json)
            {
                return line.Split(',')[0] is { Length: > 0 } first ? first : null;
            }

            try
            {
                return JObject.Parse(line).Value<string>("组织编号");
            }
            catch (JsonReaderException)
            {
                return line.Split('"')[3];
            }
        }
    }
}
