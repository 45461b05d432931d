using System.Text;
using GradingEngine.Diagnostics;

namespace GradingEngine.Cli.Terminal;

/// <summary>
/// Writes each line in one language: a line written as <c>中文 (english)</c> keeps only its Chinese or its English
/// part (<c>--lang zh|en</c>); any other line is written as it is. Lines are passed on whole, as they end.
/// </summary>
internal sealed class LanguageWriter(TextWriter inner, MessageLanguage language) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer itself when every language is wanted, else a writer that picks one.</summary>
    public static TextWriter For(TextWriter inner, MessageLanguage language) =>
        language == MessageLanguage.Bilingual ? inner : new LanguageWriter(inner, language);

    public override void Write(char value)
    {
        if (value == '\n')
        {
            var text = _line.ToString().TrimEnd('\r');
            _line.Clear();
            inner.WriteLine(BilingualText.In(text, language));
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    public override void WriteLine() => Write('\n');

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(BilingualText.In(_line.ToString(), language));
            _line.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
