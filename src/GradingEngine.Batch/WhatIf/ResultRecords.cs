using System.Text;

namespace GradingEngine.Batch.WhatIf;

/// <summary>
/// Reads a result CSV file the batch wrote (UTF-8, a header line, RFC 4180 quoting, a leading <c>'</c> on text a
/// spreadsheet would evaluate): one record at a time, with the record's raw text so that two records can be compared
/// cheaply before either is split.
/// </summary>
internal sealed class ResultRecords : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _raw = new();

    public ResultRecords(string path)
    {
        _reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        Header = Next() is { } header ? Split(header) : [];
    }

    /// <summary>The header's cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The index of a header cell, or -1.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The next record's raw text (without its line break), or null at the end.</summary>
    public string? Next()
    {
        _raw.Clear();
        var quoted = false;
        while (true)
        {
            var line = _reader.ReadLine();
            if (line is null)
            {
                return _raw.Length == 0 && !quoted ? null : _raw.ToString();
            }

            if (quoted)
            {
                _raw.Append('\n');
            }

            _raw.Append(line);
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
            }

            if (!quoted)
            {
                return _raw.ToString();
            }
        }
    }

    /// <summary>The first cell of a raw record (the subject's id), unquoted.</summary>
    public static string FirstCell(string raw)
    {
        if (raw.Length > 0 && raw[0] == '"')
        {
            return Split(raw)[0];
        }

        var comma = raw.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? raw : raw[..comma];
    }

    /// <summary>The cells of a raw record, unquoted (a protective leading <c>'</c> is kept: it is part of the text shown).</summary>
    public static string[] Split(string raw)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < raw.Length && raw[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    public void Dispose() => _reader.Dispose();
}
