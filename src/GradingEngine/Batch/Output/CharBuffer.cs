using GradingEngine.Expressions;

namespace GradingEngine.Batch.Output;

/// <summary>A growable, reusable char buffer that output rows are formatted into without allocating per row.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[1 << 16];

    public int Length { get; private set; }

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

    /// <summary>A CSV field: quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    public void AppendCsv(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(",\"\r\n") < 0)
        {
            Append(text);
            return;
        }

        Append('"');
        foreach (var c in text)
        {
            if (c == '"')
            {
                Append('"');
            }

            Append(c);
        }

        Append('"');
    }

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
