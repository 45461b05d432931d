using System.Buffers;
using GradingEngine.Expressions;

namespace GradingEngine.Batch.Output;

/// <summary>A growable, reusable char buffer that output rows are formatted into without allocating per row.</summary>
internal sealed class CharBuffer
{
    private static readonly SearchValues<char> CsvSpecial = SearchValues.Create(",\"\r\n");

    /// <summary>What a JSON string escapes: the quote, the backslash and the control characters.</summary>
    private static readonly SearchValues<char> JsonEscaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private char[] _chars = new char[1 << 16];

    public int Length { get; private set; }

    /// <summary>
    /// Whether <see cref="EndCsvText"/> keeps formula-like text from being evaluated (true, for every CSV a person
    /// opens); false only for the scratch rows of the spreadsheet, whose cells are written as text cells anyway.
    /// </summary>
    public bool GuardFormulas { get; init; } = true;

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public ReadOnlySpan<char> Slice(int start, int length) => _chars.AsSpan(start, length);

    public void Clear() => Length = 0;

    /// <summary>Drops everything after the first <paramref name="length"/> chars.</summary>
    public void Truncate(int length) => Length = length;

    public void Append(char c)
    {
        Ensure(1);
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    public void AppendNumber(double value)
    {
        Ensure(32);
        if (!ValueFormatter.TryFormatNumber(value, _chars.AsSpan(Length), out var written))
        {
            Append(ValueFormatter.FormatNumber(value));
            return;
        }

        Length += written;
    }

    public void AppendInteger(long value)
    {
        Ensure(24);
        value.TryFormat(_chars.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>
    /// A CSV text cell (see <see cref="EndCsvText"/>): quoted when it holds a comma, quote or line break (RFC 4180),
    /// and kept from being evaluated as a formula when it starts with one of <c>= + - @</c>, a tab, a carriage return
    /// or NUL. Numbers are written with <see cref="AppendNumber"/> and <see cref="AppendInteger"/>, never through here.
    /// </summary>
    public void AppendCsv(ReadOnlySpan<char> text)
    {
        var start = Length;
        Append(text);
        EndCsvText(start);
    }

    /// <summary>
    /// Makes the text appended since <paramref name="start"/> one CSV text cell, in place. Every CSV text cell of every
    /// result file and of the errors file goes through here, once:
    /// <list type="bullet">
    /// <item>a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab, a carriage return or NUL, which a
    /// spreadsheet would evaluate as a formula, gets a single quote <c>'</c> in front and is quoted (OWASP's advice
    /// against CSV injection): <c>=HYPERLINK("x")</c> is written <c>"'=HYPERLINK(""x"")"</c>;</item>
    /// <item>any other cell holding a comma, a double quote or a line break is quoted, its quotes doubled (RFC 4180);</item>
    /// <item>everything else is left as it is, after checking the first character and looking once for those four.</item>
    /// </list>
    /// </summary>
    public void EndCsvText(int start)
    {
        var cell = _chars.AsSpan(start, Length - start);
        if (cell.IsEmpty)
        {
            return;
        }

        var formula = GuardFormulas && StartsFormula(cell[0]);
        var special = cell.IndexOfAny(CsvSpecial);
        if (!formula && special < 0)
        {
            return;
        }

        var quotes = special < 0 ? 0 : cell[special..].Count('"');
        var length = cell.Length;
        var prefix = formula ? 1 : 0;
        var escaped = length + 2 + prefix + quotes;
        Ensure(escaped - length);

        // From the end backwards, so that each character moves right before anything is written over it.
        var chars = _chars;
        var to = start + escaped - 1;
        chars[to--] = '"';
        for (var from = start + length - 1; from >= start; from--)
        {
            var c = chars[from];
            chars[to--] = c;
            if (c == '"')
            {
                chars[to--] = '"';
            }
        }

        if (formula)
        {
            chars[start + 1] = '\'';
        }

        chars[start] = '"';
        Length = start + escaped;
    }

    /// <summary>One CSV line of text cells, each escaped by <see cref="AppendCsv"/>, ended by a line feed (a header).</summary>
    public static string CsvLine(IEnumerable<string> cells)
    {
        var line = new CharBuffer();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            line.AppendCsv(cell);
        }

        line.Append('\n');
        return line.Span.ToString();
    }

    /// <summary>
    /// True when <see cref="AppendCsv"/> would write <paramref name="text"/> as it stands (no quoting, no guard), for a
    /// buffer that guards formulas.
    /// </summary>
    public static bool IsPlainCsvText(ReadOnlySpan<char> text) =>
        text.IsEmpty || (!StartsFormula(text[0]) && text.IndexOfAny(CsvSpecial) < 0);

    /// <summary>True for a first character that makes a spreadsheet read a cell as a formula.</summary>
    internal static bool StartsFormula(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';

    /// <summary>
    /// Appends a JSON string: quoted, with the quote and the backslash escaped, line feed, carriage return and tab as
    /// <c>\n \r \t</c>, other control characters as <c>\u00XX</c>; the text between them copied whole.
    /// </summary>
    public void AppendJson(ReadOnlySpan<char> text)
    {
        Append('"');
        var rest = text;
        for (var at = rest.IndexOfAny(JsonEscaped); at >= 0; at = rest.IndexOfAny(JsonEscaped))
        {
            Append(rest[..at]);
            switch (rest[at])
            {
                case '"':
                    Append("\\\"");
                    break;
                case '\\':
                    Append("\\\\");
                    break;
                case '\n':
                    Append("\\n");
                    break;
                case '\r':
                    Append("\\r");
                    break;
                case '\t':
                    Append("\\t");
                    break;
                default:
                    Append("\\u");
                    Ensure(4);
                    ((int)rest[at]).TryFormat(_chars.AsSpan(Length), out var w, "x4", System.Globalization.CultureInfo.InvariantCulture);
                    Length += w;
                    break;
            }

            rest = rest[(at + 1)..];
        }

        Append(rest);
        Append('"');
    }

    public void WriteTo(TextWriter writer) => writer.Write(_chars, 0, Length);

    public void WriteTo(TextWriter writer, int start, int length) => writer.Write(_chars, start, length);

    private void Ensure(int more)
    {
        if (Length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
        }
    }
}
