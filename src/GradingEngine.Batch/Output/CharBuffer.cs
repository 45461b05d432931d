using System.Buffers;
using GradingEngine.Expressions;

namespace GradingEngine.Batch.Output;

/// <summary>A growable, reusable char buffer that output rows are formatted into without allocating per row.</summary>
internal sealed class CharBuffer
{
    private static readonly SearchValues<char> CsvSpecial = SearchValues.Create(",\"\r\n");
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

    /// <summary>True for a first character that makes a spreadsheet read a cell as a formula.</summary>
    internal static bool StartsFormula(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';

    /// <summary>A JSON string literal, quotes included.</summary>
    public void AppendJson(ReadOnlySpan<char> text)
    {
        Append('"');
        foreach (var c in text)
        {
            switch (c)
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
                case < ' ':
                    Append("\\u");
                    Ensure(4);
                    ((int)c).TryFormat(_chars.AsSpan(Length), out var w, "x4", System.Globalization.CultureInfo.InvariantCulture);
                    Length += w;
                    break;
                default:
                    Append(c);
                    break;
            }
        }

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
