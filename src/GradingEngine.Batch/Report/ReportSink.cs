using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Report;

/// <summary>
/// The report as an output of a run: each graded row is taken apart on its grading worker (level, scores as the
/// result files show them, flags, measures) and added to the report's accumulators by the committing thread, in
/// output order, so the report is the one the result files give, on one thread or many. Keeps counts and bounded
/// lists only; its blocks are reused as the run's are.
/// </summary>
internal sealed class ReportSink(ReportCollector collector, ProvinceGrader grader) : IResultSink
{
    private readonly ReportBuilder _builder = new(grader.OrganisationScheme);

    public void Begin(RunDescription run)
    {
    }

    public IResultRows? Open(Output.ResultTable table)
    {
        var scheme = table.Kind switch
        {
            ResultKind.Team => grader.TeamScheme,
            ResultKind.Member => grader.MemberScheme,
            _ => grader.OrganisationScheme,
        };
        var kind = _builder.Kind(table.Label, scheme, [.. table.Formatter.ItemLabels], table.RegionLevels, table.Formatter.WritesMeasures);
        return new Rows(table, kind, table.Kind == ResultKind.Organisation ? _builder.Organisations : null);
    }

    public void Complete(BatchSummary summary) => collector.Completed = _builder.Build(summary.BatchRules);

    public void Commit()
    {
        // the run hands the report over once every output has committed
    }

    public void Dispose()
    {
    }

    private sealed class Rows(Output.ResultTable table, KindAccumulator kind, OrganisationAccumulator? organisations) : IResultRows
    {
        public IResultBlock NewBlock() => new Block(table, kind, organisations);
    }

    /// <summary>One block's rows, taken apart on a grading worker into arrays the block reuses; added to the accumulators in output order.</summary>
    private sealed class Block(Output.ResultTable table, KindAccumulator kind, OrganisationAccumulator? organisations) : IResultBlock
    {
        private readonly int _itemCount = table.Formatter.ItemIds.Count;
        private readonly List<Subject> _records = [];
        private readonly List<string> _texts = [];
        private readonly List<int> _keys = [];
        private double?[] _items = [];

        public void Clear()
        {
            _records.Clear();
            _texts.Clear();
            _keys.Clear();
        }

        public void Skip() => _records.Add(default);

        public void SkipTo(int records)
        {
            while (_records.Count < records)
            {
                _records.Add(default);
            }
        }

        public void Add(in GradedRow row)
        {
            var formatter = table.Formatter;
            var frame = row.Frame;
            var at = _records.Count * _itemCount;
            if (_items.Length < at + _itemCount)
            {
                Array.Resize(ref _items, Math.Max(at + _itemCount, _items.Length * 2));
            }

            var numbers = frame.Numbers;
            var slots = formatter.ItemSlots;
            for (var i = 0; i < _itemCount; i++)
            {
                _items[at + i] = ReportNumber.AsWritten(numbers[slots[i]]);
            }

            var level = formatter.LevelLabel(frame);
            var texts = _texts.Count;
            var flags = formatter.AddFlags(frame, row.BottomFlag, _texts);
            var measures = formatter.AddMeasures(frame, _texts);
            ResultRow? organisation = null;
            if (organisations is not null)
            {
                organisation = new ResultRow(
                    row.Id.ToString(),
                    row.Organisation.ToString(),
                    row.Name.ToString(),
                    row.Region.ToArray(),
                    level,
                    ReportNumber.AsWritten(formatter.Total(frame)),
                    _items.AsSpan(at, _itemCount).ToArray(),
                    [.. _texts.GetRange(texts, flags)],
                    [.. _texts.GetRange(texts + flags, measures)],
                    row.Quota ?? string.Empty,
                    row.BottomNote ?? string.Empty,
                    row.LastYear);
            }

            // The measures' keys are looked up here, on the worker; the committing thread counts by number.
            var keys = -1;
            var measureTexts = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_texts).Slice(texts + flags, measures);
            if (organisation is null && !kind.JoinsMeasures(measureTexts))
            {
                keys = _keys.Count;
                foreach (var measure in measureTexts)
                {
                    if (kind.MeasureKeys.Of(measure) is var key and >= 0)
                    {
                        _keys.Add(key);
                    }
                    else
                    {
                        _keys.RemoveRange(keys, _keys.Count - keys);
                        keys = -1; // too many keys: counted by text
                        break;
                    }
                }
            }

            _records.Add(new Subject(true, level, texts, flags, measures, keys, !string.IsNullOrEmpty(row.Quota), organisation));
        }

        public void Write(int from, int to)
        {
            var texts = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_texts);
            var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
            for (var r = from; r < to; r++)
            {
                var subject = _records[r];
                if (!subject.Graded)
                {
                    continue;
                }

                if (subject.Organisation is { } organisation)
                {
                    ReportBuilder.AddOrganisation(kind, organisations!, organisation);
                }
                else if (subject.Keys >= 0)
                {
                    kind.Add(
                        subject.Level,
                        _items.AsSpan(r * _itemCount, _itemCount),
                        texts.Slice(subject.Texts, subject.Flags),
                        keys.Slice(subject.Keys, subject.Measures),
                        subject.QuotaMoved);
                }
                else
                {
                    kind.Add(
                        subject.Level,
                        _items.AsSpan(r * _itemCount, _itemCount),
                        texts.Slice(subject.Texts, subject.Flags),
                        texts.Slice(subject.Texts + subject.Flags, subject.Measures),
                        subject.QuotaMoved);
                }
            }
        }

        /// <summary>
        /// A record of the block: graded or not, and what the report reads of it (its flags and measures at <c>Texts</c>
        /// in the block's texts; its measures' key numbers at <c>Keys</c> in the block's keys, or -1 to count their texts).
        /// </summary>
        private readonly record struct Subject(bool Graded, string Level, int Texts, int Flags, int Measures, int Keys, bool QuotaMoved, ResultRow? Organisation);
    }
}
