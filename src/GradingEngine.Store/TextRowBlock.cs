using GradingEngine.Batch.Output;

namespace GradingEngine.Store;

/// <summary>
/// A block of result rows for a store that keeps lists as JSON text (SQLite): each row's fields formatted by the
/// grading worker straight from the graded frame (lists as compact JSON arrays, which <see cref="JsonLists"/> reads
/// back) and encoded as UTF-8 there, the database's own encoding, into one buffer; copied into a pooled
/// <see cref="TextRows"/> batch for the writer when the committing thread writes them. No strings or arrays per row.
/// </summary>
internal sealed class TextRowBlock(ResultTable table, Func<int> nextSeq, Func<ResultKind, TextRows> rent, Action<TextRows> enqueue) : IResultBlock
{
    private readonly CharBuffer _text = new() { GuardFormulas = false }; // one row's text, then encoded into _bytes
    private readonly CharBuffer _scores = new(); // a row's scores when it brings none
    private byte[] _bytes = new byte[1 << 16];
    private int _byteLength;
    private int[] _starts = new int[TextRows.Fields * 1024];
    private int[] _lengths = new int[TextRows.Fields * 1024];
    private double[] _totals = new double[1024];
    private bool[] _present = new bool[1024];
    private int _rows;

    public void Clear()
    {
        _text.Clear();
        _byteLength = 0;
        _rows = 0;
    }

    public void Skip() => Next(present: false);

    public void SkipTo(int records)
    {
        while (_rows < records)
        {
            Skip();
        }
    }

    public void Add(in GradedRow row)
    {
        var r = Next(present: true);
        _text.Clear();
        var formatter = table.Formatter;
        var frame = row.Frame;
        var organisation = table.Kind == ResultKind.Organisation;
        Text(r, TextRows.Id, row.Id);
        Text(r, TextRows.Organisation, table.Kind == ResultKind.Member ? row.Organisation : default, table.Kind == ResultKind.Member);
        Text(r, TextRows.Name, row.Name, organisation);
        Begin(r, TextRows.Region, organisation);
        if (organisation)
        {
            var list = new JsonList(_text);
            foreach (var region in row.Region)
            {
                list.Add(region);
            }

            if (!list.End())
            {
                _text.Append("[]"); // an organisation's regions are a list even when there are none
            }

            End(r, TextRows.Region, true);
        }

        var level = formatter.LevelLabel(frame);
        Text(r, TextRows.Level, level, level.Length > 0);
        _totals[r] = formatter.Total(frame);
        Begin(r, TextRows.Items, true);
        _text.Append('[');
        // The scores as the result files write them (formatted once for every output when the row brings them): the items follow 总分.
        var scores = row.Scores;
        if (scores.IsEmpty)
        {
            _scores.Clear();
            formatter.AppendScores(_scores, frame);
            scores = _scores.Span;
        }

        var comma = scores.IndexOf(',');
        _text.Append(comma < 0 ? default : scores[(comma + 1)..]);

        _text.Append(']');
        End(r, TextRows.Items, true);
        Begin(r, TextRows.Flags, true);
        var flags = new JsonList(_text);
        foreach (var (slot, label) in formatter.FlagSlots)
        {
            if (frame.Booleans[slot])
            {
                flags.Add(label);
            }
        }

        if (row.BottomFlag is { } bottom)
        {
            flags.Add(bottom);
        }

        End(r, TextRows.Flags, flags.End());
        Begin(r, TextRows.Measures, true);
        var measures = new JsonList(_text);
        foreach (var (fired, text) in formatter.MeasureSlots)
        {
            if (frame.Booleans[fired])
            {
                measures.Add(frame.Texts[text]);
            }
        }

        End(r, TextRows.Measures, measures.End());
        Text(r, TextRows.Quota, row.Quota, row.Quota is not null);
        Text(r, TextRows.BottomRanking, row.BottomNote, row.BottomNote is not null);
        Text(r, TextRows.LastYear, row.LastYear, row.LastYear.Length > 0);
        Text(r, TextRows.Change, row.Change, row.Change.Length > 0);
        Encode(r);
    }

    public void Write(int from, int to)
    {
        TextRows? batch = null;
        for (var r = from; r < to; r++)
        {
            if (!_present[r])
            {
                continue;
            }

            batch ??= rent(table.Kind);
            batch.Add(nextSeq(), _totals[r], _bytes.AsSpan(0, _byteLength), _starts.AsSpan(r * TextRows.Fields, TextRows.Fields), _lengths.AsSpan(r * TextRows.Fields, TextRows.Fields));
        }

        if (batch is not null)
        {
            enqueue(batch);
        }
    }

    /// <summary>Encodes row <paramref name="r"/>'s fields (chars in <see cref="_text"/>) as UTF-8 into <see cref="_bytes"/>: its starts and lengths become byte offsets.</summary>
    private void Encode(int r)
    {
        var needed = _byteLength + System.Text.Encoding.UTF8.GetMaxByteCount(_text.Length);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, needed));
        }

        for (var f = r * TextRows.Fields; f < (r + 1) * TextRows.Fields; f++)
        {
            if (_lengths[f] < 0)
            {
                continue;
            }

            System.Text.Unicode.Utf8.FromUtf16(_text.Slice(_starts[f], _lengths[f]), _bytes.AsSpan(_byteLength), out _, out var written);
            (_starts[f], _lengths[f]) = (_byteLength, written);
            _byteLength += written;
        }
    }

    private int Next(bool present)
    {
        if (_rows == _present.Length)
        {
            Array.Resize(ref _present, _rows * 2);
            Array.Resize(ref _totals, _rows * 2);
            Array.Resize(ref _starts, _rows * 2 * TextRows.Fields);
            Array.Resize(ref _lengths, _rows * 2 * TextRows.Fields);
        }

        _present[_rows] = present;
        if (present)
        {
            _lengths.AsSpan(_rows * TextRows.Fields, TextRows.Fields).Fill(-1);
        }

        return _rows++;
    }

    private void Text(int r, int field, ReadOnlySpan<char> text, bool present = true)
    {
        Begin(r, field, present);
        if (present)
        {
            _text.Append(text);
            End(r, field, true);
        }
    }

    private void Begin(int r, int field, bool present)
    {
        _starts[(r * TextRows.Fields) + field] = _text.Length;
        _lengths[(r * TextRows.Fields) + field] = -1;
    }

    /// <summary>Ends a field begun at its start: kept when <paramref name="present"/>, otherwise its text dropped (null).</summary>
    private void End(int r, int field, bool present)
    {
        var start = _starts[(r * TextRows.Fields) + field];
        if (present)
        {
            _lengths[(r * TextRows.Fields) + field] = _text.Length - start;
        }
        else
        {
            _text.Truncate(start);
        }
    }

    /// <summary>A JSON array of strings being appended (quotes, backslashes and control characters escaped); empty means none (null).</summary>
    private ref struct JsonList(CharBuffer text)
    {
        private int _count;

        public void Add(string value)
        {
            text.Append(_count++ == 0 ? '[' : ',');
            text.AppendJson(value);
        }

        /// <summary>Closes the array; false when it holds nothing.</summary>
        public readonly bool End()
        {
            if (_count > 0)
            {
                text.Append(']');
            }

            return _count > 0;
        }
    }
}
