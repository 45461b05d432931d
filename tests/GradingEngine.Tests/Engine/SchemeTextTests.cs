using System.Text;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>A scheme's text is UTF-8 without NULs or broken characters; anything else is reported where it is.</summary>
public class SchemeTextTests
{
    private static readonly string Valid = Member("""
          "inputs": [ { "id": "次数", "label": "支部委员会召开次数", "type": "integer", "default": 0 } ]
        """);

    static SchemeTextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Test]
    public void Load_FileSavedAsGbk_ReportsTheByteOffsetLineAndColumn()
    {
        var path = WriteTemp(Encoding.GetEncoding("GBK").GetBytes(Valid));
        try
        {
            var ex = Assert.Throws<SchemeLoadException>(() => GradingScheme.Load(path));

            var d = ex!.Diagnostics.Single();
            var (line, column) = PositionOf(Valid, "测试");
            Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.InvalidText));
            Assert.That((d.Location.File, d.Location.Line, d.Location.Column), Is.EqualTo((path, line, column)));
            var offset = Encoding.GetEncoding("GBK").GetByteCount(Valid[..Valid.IndexOf("测试", StringComparison.Ordinal)]);
            Assert.That(d.Message, Does.Contain($"offset {offset}").And.Contain("GBK"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_StreamWithABadByteOnTheThirdLine_ReportsItsLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid).ToList();
        var at = Encoding.UTF8.GetByteCount(Valid[..Valid.IndexOf("支部", StringComparison.Ordinal)]);
        bytes[at] = 0xFF;
        using var stream = new MemoryStream(bytes.ToArray());

        var ex = Assert.Throws<SchemeLoadException>(() => GradingScheme.Load(stream, "s.json"));

        var d = ex!.Diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.InvalidText));
        Assert.That((d.Location.Line, d.Location.Column), Is.EqualTo(PositionOf(Valid, "支部")));
        Assert.That(d.Message, Does.Contain($"offset {at} (0xFF)"));
    }

    [Test]
    public void LoadFolder_OneFileSavedAsGbk_ReportedWithItsPosition()
    {
        var folder = Directory.CreateTempSubdirectory("grading-gbk-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "gbk.json"), Encoding.GetEncoding("GBK").GetBytes(Valid));

            var ex = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.LoadFolder(folder));

            Assert.That(ex!.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidText));
            Assert.That(ex.Diagnostics.Single().Location.Line, Is.EqualTo(2));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Load_Utf8WithAByteOrderMark_Loads()
    {
        var path = WriteTemp([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Valid)]);
        try
        {
            Assert.That(GradingScheme.Load(path).Inputs.Single().Label, Is.EqualTo("支部委员会召开次数"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_Utf16File_ReportedAsNotUtf8()
    {
        using var stream = new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Valid)]);

        var ex = Assert.Throws<SchemeLoadException>(() => GradingScheme.Load(stream, "u.json"));

        Assert.That(ex!.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidText));
        Assert.That(ex.Diagnostics.Single().Message, Does.Contain("UTF-16"));
    }

    [TestCase("支部\\u0000委员会", "NUL")]
    [TestCase("支部\\ud800委员会", "surrogate")]
    [TestCase("支部\\udc00委员会", "surrogate")]
    public void TryParse_EscapeThatIsNotText_ReportedAtTheString(string label, string what)
    {
        var json = Valid.Replace("支部委员会召开次数", label, StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.InvalidText));
        Assert.That((d.Location.Line, d.Location.Column), Is.EqualTo(PositionOf(json, "\"" + label)));
        Assert.That(d.Location.JsonPath, Is.EqualTo("inputs[0].label"));
        Assert.That(d.Message, Does.Contain(what));
    }

    [TestCase(0x0000, "NUL")]
    [TestCase(0xD800, "unpaired surrogate")]
    [TestCase(0xDFFF, "unpaired surrogate")]
    [TestCase(0xFFFD, "U+FFFD")]
    public void TryParse_CharacterThatNoSchemeHolds_ReportedWhereItFirstIs(int code, string what)
    {
        var bad = (char)code;
        var json = Valid.Replace("召开", "召" + bad + "开", StringComparison.Ordinal).Replace("测试", "测" + bad + "试", StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.InvalidText));
        Assert.That((d.Location.Line, d.Location.Column), Is.EqualTo(PositionOf(json, bad.ToString())));
        Assert.That(d.Message, Does.Contain(what).And.Contain("2 in all"));
    }

    [Test]
    public void TryParse_CharactersBeyondTheBasicPlane_Accepted()
    {
        var json = Valid.Replace("支部委员会召开次数", "𠀀𪚥次数", StringComparison.Ordinal);

        Assert.That(GradingScheme.TryParse(json, "t.json", out var scheme, out var problems), Is.True, Describe(problems));
        Assert.That(scheme!.Inputs.Single().Label, Is.EqualTo("𠀀𪚥次数"));
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grading-text-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
