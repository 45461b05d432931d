using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// CSV results in GB18030 (<see cref="BatchOptions.OutputEncoding"/>): the same text as in UTF-8, with nothing replaced,
/// because text that GB18030 cannot hold does not exist.
/// </summary>
public class OutputEncodingTests
{
    private const string RareName = "𠀀𪚥𰀀党支部😀\U0010FFFF㐀";

    private static Encoding StrictGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    [Test]
    public void Gb18030_EveryUnicodeScalarValue_RoundTripsWithNothingReplaced()
    {
        var gb18030 = StrictGb18030();
        var text = new StringBuilder(2_300_000);
        for (var scalar = 0; scalar <= 0x10FFFF; scalar++)
        {
            if (scalar is < 0xD800 or > 0xDFFF)
            {
                text.Append(char.ConvertFromUtf32(scalar));
            }
        }

        var original = text.ToString();
        var bytes = gb18030.GetBytes(original); // throws on any character it could not hold
        Assert.That(gb18030.GetString(bytes), Is.EqualTo(original));
    }

    [Test]
    public void Grade_Gb18030Output_DecodesToExactlyTheUtf8ResultsWithRareCharactersKept()
    {
        var source = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 200, Seed = 41, CorruptRowsPerFile = 3 }).Folder;
        var data = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        // Every organisation's name (its second cell) starts with characters beyond GBK: supplementary planes, extension B–G.
        var organisations = Path.Combine(data, "organisations.csv");
        var lines = File.ReadAllLines(organisations, Encoding.UTF8);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length > 2 && !lines[i].Contains('"', StringComparison.Ordinal))
            {
                cells[1] = RareName + cells[1];
                lines[i] = string.Join(',', cells);
            }
        }

        File.WriteAllLines(organisations, lines, new UTF8Encoding(false));

        var utf8 = ProvinceFixture.NewOutputFolder();
        var gb = ProvinceFixture.NewOutputFolder();
        var files = ProvinceFiles.InFolder(data);
        ProvinceFixture.Grader.Grade(files, utf8, new BatchOptions { Threads = 2 });
        ProvinceFixture.Grader.Grade(files, gb, new BatchOptions { Threads = 2, OutputEncoding = StrictGb18030() });

        var gb18030 = StrictGb18030();
        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv", "errors.csv" })
        {
            var expected = File.ReadAllBytes(Path.Combine(utf8, name));
            var actual = File.ReadAllBytes(Path.Combine(gb, name));
            Assert.That(expected.AsSpan(0, 3).ToArray(), Is.EqualTo(Encoding.UTF8.Preamble.ToArray()), name);
            Assert.That(gb18030.GetString(actual), Is.EqualTo(new UTF8Encoding(false).GetString(expected, 3, expected.Length - 3)), name);
            Assert.That(actual, Is.Not.EqualTo(expected[3..]), name + " is not UTF-8");
        }

        Assert.That(gb18030.GetString(File.ReadAllBytes(Path.Combine(gb, "organisations.csv"))), Does.Contain(RareName));
    }

    [Test]
    public void Grade_Gb18030Output_JsonLinesStayUtf8()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 42 }).Folder;
        var utf8 = ProvinceFixture.NewOutputFolder();
        var gb = ProvinceFixture.NewOutputFolder();
        var files = ProvinceFiles.InFolder(data);
        ProvinceFixture.Grader.Grade(files, utf8, new BatchOptions { Threads = 2, Formats = ResultFormats.JsonLines });
        ProvinceFixture.Grader.Grade(files, gb, new BatchOptions { Threads = 2, Formats = ResultFormats.JsonLines, OutputEncoding = StrictGb18030() });

        Assert.That(File.ReadAllBytes(Path.Combine(gb, "organisations.jsonl")), Is.EqualTo(File.ReadAllBytes(Path.Combine(utf8, "organisations.jsonl"))));
    }

    [Test]
    public void Grade_AnotherOutputEncoding_Refused()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 42 }).Folder;
        Assert.Throws<ArgumentException>(() => ProvinceFixture.Grader.Grade(
            ProvinceFiles.InFolder(data), ProvinceFixture.NewOutputFolder(), new BatchOptions { OutputEncoding = Encoding.Latin1 }));
    }
}
