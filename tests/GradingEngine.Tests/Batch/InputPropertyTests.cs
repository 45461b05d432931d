using System.Globalization;
using System.Text;
using CsCheck;
using GradingEngine.Batch;
using GradingEngine.Batch.Input;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// Property-based tests (CsCheck, fixed seeds, a bounded number of samples): whatever bytes a file holds, the reader
/// never throws and accounts for every physical line, and the batch grades or reports every row.
/// </summary>
public class InputPropertyTests
{
    // Fixed seeds (CsCheck's format), so a run in CI sees the same samples as one on a developer's machine.
    private const string ReaderSeed = "0GradingIn0x";
    private const string BatchSeed = "0GradingIn1x";

    /// <summary>What CSV and JSON Lines are made of, and what breaks them: quotes, line breaks, bad and cut UTF-8, a byte order mark, NUL.</summary>
    private static readonly byte[][] Pieces =
    [
        .. new[] { "a", "Z", "9", " ", "张", "党", "𠀀", ",", "\"", "\"\"", "\n", "\r", "\r\n", "{", "}", ":", "[", "\\", "\"a\":", "null", "1.5" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xE5, 0x85], [0xEF, 0xBB, 0xBF], [0x00], [0xFE, 0xFF],
    ];

    private static readonly Gen<byte[]> AnyBytes =
        Gen.Frequency((12, Gen.OneOf(Pieces)), (1, Gen.Byte.Select(b => new[] { b })))
            .Array[0, 120]
            .Select(pieces => pieces.SelectMany(p => p).ToArray());

    /// <summary>Buffer sizes that cut records and characters anywhere, and small limits that make records too long.</summary>
    private static readonly Gen<RecordFileOptions> Options = Gen.OneOf(
        new RecordFileOptions(),
        new RecordFileOptions { ReadBytes = 1, DecodeChars = 8, BlockRecords = 1 },
        new RecordFileOptions { ReadBytes = 3, DecodeChars = 9, BlockRecords = 2, MaxRecordChars = 12, MaxRecordLines = 3 },
        new RecordFileOptions { ReadBytes = 7, DecodeChars = 13, BlockRecords = 5, MaxRecordChars = 30, MaxRecordLines = 2 });

    [Test]
    public void CsvReader_AnyBytes_NeverThrowsAndAccountsForEveryPhysicalLine() =>
        Gen.Select(AnyBytes, Options).Sample((bytes, options) => ReadAndAccount(bytes, RecordFormat.Csv, options), seed: ReaderSeed, iter: 2000, threads: 1);

    [Test]
    public void JsonLinesReader_AnyBytes_NeverThrowsAndEachLineIsOneRecordAtMost() =>
        Gen.Select(AnyBytes, Options).Sample((bytes, options) => ReadAndAccount(bytes, RecordFormat.JsonLines, options), seed: ReaderSeed, iter: 2000, threads: 1);

    [Test]
    public void Grade_AnyOrganisationRows_EveryPhysicalRowGradedOrReported()
    {
        var (folder, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 12, Seed = 31 });
        var lines = File.ReadAllLines(Path.Combine(folder, "organisations.csv"), Encoding.UTF8);
        var (header, rows) = (lines[0], lines[1..]);
        string[] pieces = ["\"", "\"\"", ",", "\n", "\r\n", "\"\n", ",\"", "张"];
        var row = Gen.Frequency(
            (4, Gen.OneOf(rows)),
            (3, Gen.Select(Gen.OneOf(rows), Gen.Int[0, 200], Gen.OneOf(pieces)).Select((r, at, piece) => r.Insert(Math.Min(at, r.Length), piece))),
            (1, Gen.OneOf(pieces).Array[0, 8].Select(string.Concat)));
        var file = Gen.Select(row.Array[0, 16], Gen.Bool).Select((body, lineFeed) => header + "\n" + string.Join("\n", body) + (lineFeed ? "\n" : ""));

        file.Sample(text => GradeAndAccount(folder, text), seed: BatchSeed, iter: 12, threads: 1);
    }

    private static void ReadAndAccount(byte[] bytes, RecordFormat format, RecordFileOptions options)
    {
        using var reader = RecordFileReader.Open(new MemoryStream(bytes), "sample", format, options);
        var block = reader.NewBlock();
        long records = 0, previousLine = 0;
        while (reader.ReadBlock(block))
        {
            for (var r = 0; r < block.Count; r++)
            {
                var line = block.LineOf(r);
                Require(line > previousLine, $"record {records} starts on line {line}, after line {previousLine}");
                previousLine = line;
                Require(
                    format != RecordFormat.Csv || block.ErrorOf(r) is not null || block.FieldCount(r) == reader.Header.Count,
                    $"line {line}: {block.FieldCount(r)} fields and no error; the header has {reader.Header.Count}");
                records++;
            }
        }

        // The physical lines of the text as decoded at once, apart from the reader's splitting.
        var text = reader.Encoding.GetString(bytes);
        text = text.StartsWith('\uFEFF') ? text[1..] : text;
        var physical = text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
        Require(reader.Lines == physical, $"{reader.Lines} lines counted, {physical} in the text");
        Require(
            reader.HeaderLines + reader.BlankLines + records + reader.ContinuationLines == reader.Lines,
            $"{reader.HeaderLines} header + {reader.BlankLines} blank + {records} records + {reader.ContinuationLines} continuation lines, of {reader.Lines}");
        Require(format == RecordFormat.Csv || reader.ContinuationLines == 0, "a JSON line never takes another");
        Require(previousLine <= Math.Max(reader.Lines, 1), $"a record starts on line {previousLine} of {reader.Lines}");
    }

    private static void GradeAndAccount(string folder, string organisations)
    {
        var data = ProvinceFixture.NewOutputFolder();
        var output = ProvinceFixture.NewOutputFolder();
        var path = Path.Combine(data, "organisations.csv");
        File.WriteAllText(path, organisations, new UTF8Encoding(false));
        var files = new ProvinceFiles(path, Path.Combine(folder, "teams.csv"), Path.Combine(folder, "members.csv"));

        var summary = ProvinceFixture.Grader.Grade(files, output, new BatchOptions { Threads = 2 });

        var file = summary.Files[0];
        var physical = organisations.Count(c => c == '\n') + (organisations[^1] != '\n' ? 1 : 0);
        Require(summary.Files.All(f => f.Reconciles), "every file reconciles");
        Require(file.Lines == physical, $"{file.Lines} lines counted, {physical} in the file");
        var reported = Records(Path.Combine(output, "errors.csv"))
            .Where(e => e[0] == "organisations.csv")
            .Select(e => long.Parse(e[1], CultureInfo.InvariantCulture))
            .Distinct()
            .Count();
        Require(reported == file.Rejected, $"{file.Rejected} rows rejected, {reported} lines reported");
        var written = Records(Path.Combine(output, "organisations.csv")).Count;
        Require(written == file.Graded, $"{file.Graded} rows graded, {written} written");
        Directory.Delete(data, recursive: true);
        Directory.Delete(output, recursive: true);
    }

    /// <summary>A result file's records, read back with the batch's own reader (a field may hold a line break).</summary>
    private static List<string[]> Records(string path)
    {
        using var reader = RecordFileReader.Open(path);
        var block = reader.NewBlock();
        var records = new List<string[]>();
        while (reader.ReadBlock(block))
        {
            for (var r = 0; r < block.Count; r++)
            {
                Require(block.ErrorOf(r) is null, $"{path}, line {block.LineOf(r)}: {block.ErrorOf(r)}");
                records.Add([.. Enumerable.Range(0, block.FieldCount(r)).Select(f => block.Field(r, f).ToString())]);
            }
        }

        return records;
    }

    /// <summary>Fails the sample (CsCheck then shrinks it and prints the smallest failing input).</summary>
    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
