using System.Globalization;
using System.Text;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Rows of values written as CSV text (RFC 4180) and taken as UTF-8 bytes: how a data reader's or a worksheet's rows
/// reach the CSV reader, so that they get exactly a CSV file's checks. A null is an empty cell; numbers, dates and
/// booleans are written as the CSV files write them.
/// </summary>
internal sealed class CsvRowText
{
    private readonly StringBuilder _text = new();
    private byte[] _bytes = [];

    /// <summary>Whether nothing is waiting to be taken.</summary>
    public bool IsEmpty => _text.Length == 0;

    /// <summary>Writes one cell (after a comma unless it is the row's first).</summary>
    public void Value(object? value, bool first)
    {
        if (!first)
        {
            _text.Append(',');
        }

        switch (value)
        {
            case null or DBNull:
                break;
            case string text:
                Text(text);
                break;
            case bool flag:
                _text.Append(flag ? "true" : "false");
                break;
            case DateTime date:
                _text.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                _text.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                _text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case var other:
                Text(other.ToString() ?? string.Empty);
                break;
        }
    }

    /// <summary>Ends the row.</summary>
    public void EndRow() => _text.Append('\n');

    /// <summary>The text written since the last call as UTF-8 (valid until the next call), and clears it.</summary>
    public ReadOnlyMemory<byte> Take()
    {
        var needed = Encoding.UTF8.GetMaxByteCount(_text.Length);
        if (_bytes.Length < needed)
        {
            _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
        }

        var length = 0;
        foreach (var chunk in _text.GetChunks())
        {
            length += Encoding.UTF8.GetBytes(chunk.Span, _bytes.AsSpan(length));
        }

        _text.Clear();
        return _bytes.AsMemory(0, length);
    }

    /// <summary>A text cell, quoted when it holds a comma, a quote or a line break.</summary>
    private void Text(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(text);
            return;
        }

        _text.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
