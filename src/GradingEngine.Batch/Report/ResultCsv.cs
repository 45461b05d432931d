using System.Text;

namespace GradingEngine.Batch.Report;

/// <summary>
/// Reads a result CSV file the batch wrote (UTF-8 with a byte-order mark, or GB18030; a header line, RFC 4180 quoting) record by
/// record into cells, cheaply: a line without a quote is split without copying it twice. A protective leading
/// <c>'</c> (on text a spreadsheet would evaluate) is kept here; <see cref="ResultFolderRows"/> removes it from text cells.
/// </summary>
internal sealed class ResultCsv : IDisposable
{
    private readonly StreamReader _reader;
    private readonly StringBuilder _record = new();
    private readonly StringBuilder _cell = new();
    private readonly List<string> _cells = [];

    public ResultCsv(string path)
    {
        _reader = new StreamReader(path, Encoding(path), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        Header = Next() ?? [];
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>
    /// The file's encoding: UTF-8 when it starts with the byte-order mark the batch writes (the mark is skipped), else
    /// GB18030 (written with <c>--output-encoding gb18030</c>, which has none).
    /// </summary>
    private static Encoding Encoding(string path)
    {
        Span<byte> start = stackalloc byte[3];
        using (var file = File.OpenRead(path))
        {
            var read = file.ReadAtLeast(start, 3, throwOnEndOfStream: false);
            if (read < 3 || start.SequenceEqual(System.Text.Encoding.UTF8.Preamble))
            {
                return new UTF8Encoding(true);
            }
        }

        return Input.EncodingDetector.Gb18030;
    }

    /// <summary>The next record's cells, or null at the end; a blank line gives an empty array.</summary>
    public string[]? Next()
    {
        var line = _reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        if (line.Length == 0)
        {
            return [];
        }

        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(',');
        }

        _record.Clear().Append(line);
        while (Quotes(_record) % 2 == 1 && _reader.ReadLine() is { } more)
        {
            _record.Append('\n').Append(more);
        }

        return Split(_record.ToString());
    }

    private static int Quotes(StringBuilder text)
    {
        var count = 0;
        foreach (var chunk in text.GetChunks())
        {
            count += chunk.Span.Count('"');
        }

        return count;
    }

    private string[] Split(string raw)
    {
        _cells.Clear();
        _cell.Clear();
        var quoted = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (quoted)
            {
                if (c != '"')
                {
                    _cell.Append(c);
                }
                else if (i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    _cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                _cells.Add(_cell.ToString());
                _cell.Clear();
            }
            else
            {
                _cell.Append(c);
            }
        }

        _cells.Add(_cell.ToString());
        return [.. _cells];
    }

    public void Dispose() => _reader.Dispose();
}
