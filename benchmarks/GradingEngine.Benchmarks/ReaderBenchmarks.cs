using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GradingEngine.Batch.Input;

namespace GradingEngine.Benchmarks;

/// <summary>
/// The batch record reader on a generated member file of 200,000 rows and 30 columns (about 130 bytes a row in UTF-8,
/// Chinese names and branches, a quoted field now and then): decoding and splitting only, into one reused block.
/// The MB/s column is the file's size over the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ReaderBenchmarkConfig))]
public class ReaderBenchmarks
{
    /// <summary>The rows of the generated file.</summary>
    public const int Rows = 200_000;

    private string _csv = null!;
    private string _csvGb18030 = null!;
    private string _jsonLines = null!;
    private RecordBlock _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gradingengine-reader-benchmarks");
        Directory.CreateDirectory(directory);
        _csv = Path.Combine(directory, "members.csv");
        _csvGb18030 = Path.Combine(directory, "members-gb18030.csv");
        _jsonLines = Path.Combine(directory, "members.jsonl");
        File.WriteAllText(_csv, MemberFile.Csv(), MemberFile.Utf8);
        File.WriteAllText(_csvGb18030, MemberFile.Csv(), MemberFile.Gb18030);
        File.WriteAllText(_jsonLines, MemberFile.JsonLines(), MemberFile.Utf8);
        using var reader = RecordFileReader.Open(_csv);
        _block = reader.NewBlock();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_csv);
        File.Delete(_csvGb18030);
        File.Delete(_jsonLines);
    }

    [Benchmark(Description = "CSV, UTF-8")]
    public long Csv() => ReadAll(_csv);

    [Benchmark(Description = "CSV, GB18030")]
    public long CsvGb18030() => ReadAll(_csvGb18030);

    [Benchmark(Description = "JSON Lines, UTF-8")]
    public long JsonLines() => ReadAll(_jsonLines);

    [Benchmark(Description = "CSV, UTF-8: decoding alone (the floor)")]
    public long CsvDecodeOnly()
    {
        using var stream = new FileStream(_csv, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var decoder = MemberFile.Utf8.GetDecoder();
        var bytes = new byte[1 << 17];
        var chars = new char[1 << 17];
        var total = 0L;
        int read;
        while ((read = stream.Read(bytes)) > 0)
        {
            total += decoder.GetChars(bytes.AsSpan(0, read), chars, flush: false);
        }

        return total;
    }

    private long ReadAll(string path)
    {
        using var reader = RecordFileReader.Open(path);
        var fields = 0L;
        while (reader.ReadBlock(_block))
        {
            fields += _block.Count;
        }

        if (fields != Rows)
        {
            throw new InvalidOperationException($"read {fields} records, expected {Rows}");
        }

        return fields;
    }
}

/// <summary>Adds the MB/s column to <see cref="ReaderBenchmarks"/>.</summary>
public sealed class ReaderBenchmarkConfig : ManualConfig
{
    public ReaderBenchmarkConfig() => AddColumn(new ThroughputColumn());

    /// <summary>File megabytes (10^6 bytes) read per second, from the mean time; the file is regenerated here to know its size.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        private static readonly Lazy<long> CsvBytes = new(() => MemberFile.Utf8.GetByteCount(MemberFile.Csv()));
        private static readonly Lazy<long> CsvGb18030Bytes = new(() => MemberFile.Gb18030.GetByteCount(MemberFile.Csv()));
        private static readonly Lazy<long> JsonLinesBytes = new(() => MemberFile.Utf8.GetByteCount(MemberFile.JsonLines()));

        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "File megabytes (10^6 bytes) read per second, from the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            var bytes = benchmarkCase.Descriptor.WorkloadMethod.Name switch
            {
                nameof(ReaderBenchmarks.CsvGb18030) => CsvGb18030Bytes.Value,
                nameof(ReaderBenchmarks.JsonLines) => JsonLinesBytes.Value,
                _ => CsvBytes.Value,
            };
            return (bytes / 1e6 / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>A deterministic member file: the same text on every call.</summary>
internal static class MemberFile
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static readonly Encoding Gb18030 = CodePages(54936);

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳"];
    private static readonly string[] Given = ["伟", "芳", "娜", "秀英", "敏", "静", "强", "磊", "军", "洋", "勇", "艳"];
    private static readonly string[] Education = ["大学", "大专", "高中", "研究生", "中专"];
    private static readonly string[] Posts = ["书记", "委员", "党员", "组织委员", "宣传委员"];

    private static readonly string[] Columns =
    [
        "序号", "姓名", "性别", "民族", "出生日期", "入党日期", "学历", "职务", "所在支部", "党龄",
        "政治素质好.自评", "政治素质好.群众评", "政治素质好.领导评", "学习次数", "党课次数", "志愿服务小时", "缴费月数", "处分", "流动党员", "困难党员",
        "评议等级", "积分1", "积分2", "积分3", "积分4", "积分5", "积分6", "积分7", "积分8", "备注",
    ];

    private readonly record struct Member(string[] Values);

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static IEnumerable<Member> Members()
    {
        var random = new Random(20_261_121);
        for (var i = 0; i < ReaderBenchmarks.Rows; i++)
        {
            var values = new string[Columns.Length];
            values[0] = i.ToString("D7", CultureInfo.InvariantCulture);
            values[1] = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
            values[2] = random.Next(2) == 0 ? "男" : "女";
            values[3] = random.Next(10) == 0 ? "回族" : "汉族";
            values[4] = new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values[5] = new DateOnly(1975 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values[6] = Education[random.Next(Education.Length)];
            values[7] = Posts[random.Next(Posts.Length)];
            values[8] = string.Create(CultureInfo.InvariantCulture, $"第{1 + random.Next(40)}党支部");
            values[9] = random.Next(60).ToString(CultureInfo.InvariantCulture);
            for (var c = 10; c < 13; c++)
            {
                values[c] = (60 + random.Next(41)).ToString(CultureInfo.InvariantCulture);
            }

            for (var c = 13; c < 17; c++)
            {
                values[c] = random.Next(30).ToString(CultureInfo.InvariantCulture);
            }

            for (var c = 17; c < 20; c++)
            {
                values[c] = random.Next(20) == 0 ? "1" : "0";
            }

            values[20] = random.Next(4).ToString(CultureInfo.InvariantCulture);
            for (var c = 21; c < 29; c++)
            {
                values[c] = random.Next(10).ToString(CultureInfo.InvariantCulture);
            }

            values[29] = random.Next(50) == 0 ? "表现突出,\"优秀\"" : "";
            yield return new Member(values);
        }
    }

    public static string Csv()
    {
        var text = new StringBuilder(ReaderBenchmarks.Rows * 110);
        text.AppendJoin(',', Columns).Append('\n');
        foreach (var member in Members())
        {
            for (var c = 0; c < member.Values.Length; c++)
            {
                if (c > 0)
                {
                    text.Append(',');
                }

                var value = member.Values[c];
                if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    text.Append(value);
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string JsonLines()
    {
        var text = new StringBuilder(ReaderBenchmarks.Rows * 400);
        foreach (var member in Members())
        {
            text.Append('{');
            for (var c = 0; c < member.Values.Length; c++)
            {
                if (c > 0)
                {
                    text.Append(',');
                }

                var value = member.Values[c];
                text.Append('"').Append(Columns[c]).Append("\":");
                if (c > 0 && value.Length > 0 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
                {
                    text.Append(value); // a number
                }
                else
                {
                    text.Append('"').Append(value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                }
            }

            text.Append("}\n");
        }

        return text.ToString();
    }
}
