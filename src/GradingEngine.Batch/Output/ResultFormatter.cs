using GradingEngine.RuleModel;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Output;

/// <summary>
/// Formats a graded frame as the middle of a result row: level, total, every item's score, flags and measures,
/// straight from the frame's slots (no result objects). CSV cells use the scheme's Chinese labels as headers;
/// JSON Lines use fixed English keys with Chinese values. CSV text cells are escaped against being evaluated as
/// formulas (<see cref="CharBuffer.EndCsvText"/>), numbers are written as numbers; JSON values are the raw text.
/// A formatter made without measures (<see cref="WritesMeasures"/> false: a run's members by default,
/// <see cref="BatchOptions.MemberMeasures"/>) writes no 措施 column and no <c>"measures"</c> key, and every sink that
/// reads measures through it (the store, the report) sees none. Immutable and thread-safe.
/// </summary>
internal sealed class ResultFormatter
{
    private readonly CheckedScheme _plan;
    private readonly (int Rule, int Slot)[] _measures;
    private readonly int[] _itemSlots;
    private readonly string[] _itemIds;
    private readonly (int Slot, string Label)[] _flags;
    private readonly string[] _levelLabels;
    private readonly byte[][] _levelCells; // each level's label as a CSV text cell, in UTF-8
    private readonly int _level;
    private readonly int _total;

    /// <param name="plan">The scheme.</param>
    /// <param name="withMeasures">Whether rows carry their measures (措施); false: no column, no key, no texts read.</param>
    public ResultFormatter(CheckedScheme plan, bool withMeasures = true)
    {
        WritesMeasures = withMeasures;
        _plan = plan;
        _itemSlots = plan.Items.Select(i => i.Score.Index).ToArray();
        _itemIds = plan.Items.Select(i => i.Id).ToArray();
        _flags = plan.Flags.Select(f => (f.Slot.Index, f.DisplayName)).ToArray();
        _levelLabels = plan.Levels.Select(l => l.DisplayName).ToArray();
        _levelCells = [.. _levelLabels.Select(CsvCellUtf8)];
        _level = plan.Level.Index;
        _total = plan.Total.Index;
        var measures = new List<(int, int)>();
        foreach (var index in plan.RuleRunOrder)
        {
            foreach (var action in plan.Rules[index].Actions)
            {
                if (action.Kind == Schemes.ActionKind.Measure)
                {
                    measures.Add((plan.Rules[index].Fired.Index, action.Result!.Value.Index));
                }
            }
        }

        _measures = WritesMeasures ? [.. measures] : [];
    }

    /// <summary>
    /// Whether rows carry their measures: when false, the frames need no measure texts (graded without messages) and
    /// nothing this formatter writes or lists holds measures.
    /// </summary>
    public bool WritesMeasures { get; }

    /// <summary>The CSV header cells this formatter writes, in order.</summary>
    public IEnumerable<string> CsvHeader()
    {
        yield return "等级";
        yield return "总分";
        foreach (var item in _plan.Items)
        {
            yield return item.DisplayName;
        }

        yield return "标记";
        if (WritesMeasures)
        {
            yield return "措施";
        }
    }

    /// <summary>The level's label, or empty when withheld.</summary>
    public string LevelLabel(FactFrame frame)
    {
        var ordinal = (int)frame.Numbers[_level];
        return ordinal >= 0 ? _levelLabels[ordinal] : string.Empty;
    }

    /// <summary>The items' ids, in the order of <see cref="Items"/>.</summary>
    public IReadOnlyList<string> ItemIds => _itemIds;

    /// <summary>The frame's slot of each item's score, in the order of <see cref="ItemIds"/>.</summary>
    public ReadOnlySpan<int> ItemSlots => _itemSlots;

    /// <summary>The items' Chinese labels, in the order of <see cref="Items"/>.</summary>
    public IEnumerable<string> ItemLabels => _plan.Items.Select(i => i.DisplayName);

    /// <summary>The total.</summary>
    public double Total(FactFrame frame) => frame.Numbers[_total];

    /// <summary>Each flag's boolean slot and label, in the order <see cref="Flags"/> lists them.</summary>
    public ReadOnlySpan<(int Slot, string Label)> FlagSlots => _flags;

    /// <summary>Each measure's fired slot and text slot, in the order <see cref="Measures"/> lists them.</summary>
    public ReadOnlySpan<(int Rule, int Slot)> MeasureSlots => _measures;

    /// <summary>Every item's score, in the scheme's order.</summary>
    public double[] Items(FactFrame frame)
    {
        var items = new double[_itemSlots.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = frame.Numbers[_itemSlots[i]];
        }

        return items;
    }

    /// <summary>The flags raised (labels), then <paramref name="extraFlag"/>; null when none.</summary>
    public string[]? Flags(FactFrame frame, string? extraFlag = null)
    {
        List<string>? flags = null;
        foreach (var (slot, label) in _flags)
        {
            if (frame.Booleans[slot])
            {
                (flags ??= []).Add(label);
            }
        }

        if (extraFlag is not null)
        {
            (flags ??= []).Add(extraFlag);
        }

        return flags?.ToArray();
    }

    /// <summary>Adds the flags raised (labels), then <paramref name="extraFlag"/>, to <paramref name="into"/>; returns how many.</summary>
    public int AddFlags(FactFrame frame, string? extraFlag, List<string> into)
    {
        var before = into.Count;
        foreach (var (slot, label) in _flags)
        {
            if (frame.Booleans[slot])
            {
                into.Add(label);
            }
        }

        if (extraFlag is not null)
        {
            into.Add(extraFlag);
        }

        return into.Count - before;
    }

    /// <summary>Adds the measures recommended (texts), in rule order, to <paramref name="into"/>; returns how many.</summary>
    public int AddMeasures(FactFrame frame, List<string> into)
    {
        var before = into.Count;
        foreach (var (fired, text) in _measures)
        {
            if (frame.Booleans[fired])
            {
                into.Add(frame.Texts[text]);
            }
        }

        return into.Count - before;
    }

    /// <summary>The measures recommended (texts), in rule order; null when none.</summary>
    public string[]? Measures(FactFrame frame)
    {
        List<string>? measures = null;
        foreach (var (fired, text) in _measures)
        {
            if (frame.Booleans[fired])
            {
                (measures ??= []).Add(frame.Texts[text]);
            }
        }

        return measures?.ToArray();
    }

    /// <summary>Appends 总分 and each item's score, separated by commas: what every output writes of them (<see cref="GradedRow.Scores"/>).</summary>
    public void AppendScores(CharBuffer buffer, FactFrame frame)
    {
        var numbers = frame.Numbers;
        buffer.AppendNumber(numbers[_total]);
        foreach (var slot in _itemSlots)
        {
            buffer.Append(',');
            buffer.AppendNumber(numbers[slot]);
        }
    }

    /// <summary>Appends the cells (each preceded by a comma; no 措施 cell when <see cref="WritesMeasures"/> is false); the scores from <paramref name="scores"/> when given (<see cref="AppendScores"/>).</summary>
    public void AppendCsv(CharBuffer buffer, FactFrame frame, string? extraFlag = null, string? extraMeasure = null, ReadOnlySpan<char> scores = default)
    {
        buffer.Append(',');
        buffer.AppendCsv(LevelLabel(frame));
        buffer.Append(',');
        if (scores.IsEmpty)
        {
            AppendScores(buffer, frame);
        }
        else
        {
            buffer.Append(scores);
        }

        buffer.Append(',');
        AppendFlagsCell(buffer, frame, extraFlag);
        if (!WritesMeasures)
        {
            return;
        }

        buffer.Append(',');
        AppendMeasuresCell(buffer, frame, extraMeasure);
    }

    /// <summary>
    /// The CSV cells <see cref="AppendCsv"/> writes, encoded as UTF-8 into a row written as bytes (<see cref="RowBuffer.IsUtf8"/>):
    /// the level's cell from a table, the scores' ASCII as it stands, the flags and measures (mostly none) through
    /// <see cref="RowBuffer.Text"/>. The same bytes as <see cref="AppendCsv"/> and encoding the row.
    /// </summary>
    public void AppendCsvUtf8(RowBuffer row, FactFrame frame, ReadOnlySpan<char> scores)
    {
        row.AppendAscii(',');
        var ordinal = (int)frame.Numbers[_level];
        if (ordinal >= 0)
        {
            row.AppendUtf8(_levelCells[ordinal]);
        }

        row.AppendAscii(',');
        if (scores.IsEmpty)
        {
            AppendScores(row.Text, frame);
            row.AppendText();
        }
        else
        {
            row.AppendUtf8(scores);
        }

        row.AppendAscii(',');
        AppendFlagsCell(row.Text, frame, null);
        row.AppendText();
        if (WritesMeasures)
        {
            row.AppendAscii(',');
            AppendMeasuresCell(row.Text, frame, null);
            row.AppendText();
        }
    }

    /// <summary>The flags raised (labels), then <paramref name="extraFlag"/>, as one CSV text cell joined by 、.</summary>
    private void AppendFlagsCell(CharBuffer buffer, FactFrame frame, string? extraFlag)
    {
        var flags = new JoinedCell(buffer, "、");
        foreach (var (slot, label) in _flags)
        {
            if (frame.Booleans[slot])
            {
                flags.Add(label);
            }
        }

        if (extraFlag is not null)
        {
            flags.Add(extraFlag);
        }

        flags.End();
    }

    /// <summary>The measures recommended (texts), then <paramref name="extraMeasure"/>, as one CSV text cell joined by ；.</summary>
    private void AppendMeasuresCell(CharBuffer buffer, FactFrame frame, string? extraMeasure)
    {
        var measures = new JoinedCell(buffer, "；");
        foreach (var (fired, text) in _measures)
        {
            if (frame.Booleans[fired])
            {
                measures.Add(frame.Texts[text]);
            }
        }

        if (extraMeasure is not null)
        {
            measures.Add(extraMeasure);
        }

        measures.End();
    }

    /// <summary>Appends <c>"level":…,"total":…,"items":{…},"flags":[…],"measures":[…]</c> (preceded by a comma; without <c>"measures"</c> when <see cref="WritesMeasures"/> is false).</summary>
    public void AppendJson(CharBuffer buffer, FactFrame frame, string? extraFlag = null, string? extraMeasure = null)
    {
        buffer.Append(",\"level\":");
        var ordinal = (int)frame.Numbers[_level];
        if (ordinal >= 0)
        {
            buffer.AppendJson(_levelLabels[ordinal]);
        }
        else
        {
            buffer.Append("null");
        }

        buffer.Append(",\"total\":");
        buffer.AppendNumber(frame.Numbers[_total]);
        buffer.Append(",\"items\":{");
        for (var i = 0; i < _itemSlots.Length; i++)
        {
            if (i > 0)
            {
                buffer.Append(',');
            }

            buffer.AppendJson(_itemIds[i]);
            buffer.Append(':');
            buffer.AppendNumber(frame.Numbers[_itemSlots[i]]);
        }

        buffer.Append("},\"flags\":[");
        var first = true;
        foreach (var (slot, label) in _flags)
        {
            if (frame.Booleans[slot])
            {
                Separator(buffer, ref first);
                buffer.AppendJson(label);
            }
        }

        if (extraFlag is not null)
        {
            Separator(buffer, ref first);
            buffer.AppendJson(extraFlag);
        }

        if (!WritesMeasures)
        {
            buffer.Append(']');
            return;
        }

        buffer.Append("],\"measures\":[");
        first = true;
        foreach (var (fired, text) in _measures)
        {
            if (frame.Booleans[fired])
            {
                Separator(buffer, ref first);
                buffer.AppendJson(frame.Texts[text]);
            }
        }

        if (extraMeasure is not null)
        {
            Separator(buffer, ref first);
            buffer.AppendJson(extraMeasure);
        }

        buffer.Append(']');
    }

    private static byte[] CsvCellUtf8(string text)
    {
        var cell = new CharBuffer();
        cell.AppendCsv(text);
        return System.Text.Encoding.UTF8.GetBytes(cell.Span.ToArray());
    }

    private static void Separator(CharBuffer buffer, ref bool first)
    {
        if (!first)
        {
            buffer.Append(',');
        }

        first = false;
    }

    /// <summary>Several texts joined into one CSV text cell, escaped as a whole (<see cref="CharBuffer.EndCsvText"/>).</summary>
    private ref struct JoinedCell(CharBuffer buffer, string separator)
    {
        private readonly int _start = buffer.Length;
        private int _count;

        public void Add(string text)
        {
            if (_count++ > 0)
            {
                buffer.Append(separator);
            }

            buffer.Append(text);
        }

        public readonly void End() => buffer.EndCsvText(_start);
    }
}
