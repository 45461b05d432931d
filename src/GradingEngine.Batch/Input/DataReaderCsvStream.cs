using System.Data;
using System.Globalization;
using System.Text;

namespace GradingEngine.Batch.Input;

/// <summary>
/// The rows of a query as CSV text (UTF-8, a header of the column names), produced as they are read: a few hundred
/// rows at a time, never the whole table. The batch's CSV reader reads it, so a table's rows get exactly the checks a
/// CSV file's get. A NULL is an empty cell; numbers, dates and booleans are written as the CSV files write them.
/// </summary>
internal sealed class DataReaderCsvStream : ProducedStream
{
    private readonly IDisposable[] _owners;
    private readonly IDataReader _reader;
    private readonly StringBuilder _text = new();
    private readonly object[] _values;
    private byte[] _bytes = [];
    private int _length;
    private bool _done;

    /// <summary>Reads <paramref name="reader"/>; disposing the stream disposes of it, then of <paramref name="owners"/> in order (its command, its connection).</summary>
    public DataReaderCsvStream(IDataReader reader, params IDisposable[] owners)
    {
        _owners = owners;
        _reader = reader;
        _values = new object[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Cell(reader.GetName(i));
        }

        _text.Append('\n');
    }

    protected override ReadOnlyMemory<byte> Produce()
    {
        if (_text.Length == 0 && !_done)
        {
            Fill();
        }

        Encode();
        return _bytes.AsMemory(0, _length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            foreach (var owner in _owners)
            {
                owner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        for (var rows = 0; rows < 512; rows++)
        {
            if (!_reader.Read())
            {
                _done = true;
                break;
            }

            _reader.GetValues(_values);
            for (var i = 0; i < _values.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                switch (_values[i])
                {
                    case null or DBNull:
                        break;
                    case string text:
                        Cell(text);
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
                        Cell(other.ToString() ?? string.Empty);
                        break;
                }
            }

            _text.Append('\n');
        }
    }

    /// <summary>A text cell, quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private void Cell(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(text);
            return;
        }

        _text.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private void Encode()
    {
        var needed = Encoding.UTF8.GetMaxByteCount(_text.Length);
        if (_bytes.Length < needed)
        {
            _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
        }

        _length = 0;
        foreach (var chunk in _text.GetChunks())
        {
            _length += Encoding.UTF8.GetBytes(chunk.Span, _bytes.AsSpan(_length));
        }

        _text.Clear();
    }
}
