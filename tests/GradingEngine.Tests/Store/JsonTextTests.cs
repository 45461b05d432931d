using GradingEngine.Batch.Output;
using GradingEngine.Store;

namespace GradingEngine.Tests.Store;

/// <summary>The JSON strings the SQLite store writes its lists with (<see cref="CharBuffer.AppendJson"/>) read back as the texts written.</summary>
[TestFixture]
public sealed class JsonTextTests
{
    private static readonly string[] Texts =
    [
        string.Empty,
        "党小组会全年召开11次（应12次），工作制度扣2分",
        "引号\"与反斜杠\\",
        "\"",
        "\\",
        "制表\t换行\n回车\r",
        "尾部控制字符\u001f",
        "\u0000开头",
        "表情 😀 与 \u2028 分隔",
        string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)),
        "=HYPERLINK(\"http://example.org\",\"点击\")",
    ];

    [Test]
    public void AppendJson_EveryText_ReadsBackTheSame()
    {
        var text = new CharBuffer { GuardFormulas = false };
        text.Append('[');
        for (var i = 0; i < Texts.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.AppendJson(Texts[i]);
        }

        text.Append(']');

        Assert.That(JsonLists.Texts(text.Span.ToString()), Is.EqualTo(Texts));
    }

    [Test]
    public void AppendJson_PlainText_IsCopiedBetweenQuotes()
    {
        var text = new CharBuffer { GuardFormulas = false };

        text.AppendJson("全年参加组织生活26次（应28次）");

        Assert.That(text.Span.ToString(), Is.EqualTo("\"全年参加组织生活26次（应28次）\""));
    }

    [Test]
    public void AppendJson_EscapesAsTheJsonLinesFilesHaveThem()
    {
        var text = new CharBuffer { GuardFormulas = false };

        text.AppendJson("a\"b\\c\nd\re\tf\u0001g");

        Assert.That(text.Span.ToString(), Is.EqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\""));
    }
}
