using System.Collections.Concurrent;
using System.Text.Json;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Store;

/// <summary>
/// The results store as an output of a run: the run staged as <c>writing</c> when it begins, every graded row handed
/// to a writer thread that loads them in bulk while grading goes on, and the run switched to <c>complete</c> on commit.
/// The run's report aggregates (when the run collects them) are kept with it, in the transaction that completes it.
/// Also the source of last year's levels: the complete run of the year before, same province.
/// </summary>
internal sealed class StoreSink(StoreBackend backend, StoreOptions options, Batch.Report.ReportCollector? report = null) : IResultSink, ILastYearSource
{
    // A few blocks ahead of the writer at most: memory stays bounded by the blocks in flight when the database is slower.
    // Batches are List<StoredRow> (PostgreSQL) or TextRows (SQLite: pooled, handed back once written).
    private readonly BlockingCollection<object> _queue = new(boundedCapacity: 4);
    private readonly ConcurrentBag<TextRows> _freeText = [];
    private readonly Dictionary<ResultKind, string[]> _items = [];
    private RunRecord? _run;
    private long _runId = -1;
    private IStoreRowWriter? _rows;
    private Thread? _writer;
    private Exception? _failure;
    private bool _committed;

    /// <summary>The run's id in the store, once begun.</summary>
    public long RunId => _runId;

    /// <summary>The run whose levels were compared as last year's, or -1.</summary>
    public long LastYearRunId { get; private set; } = -1;

    public void Begin(RunDescription run)
    {
        var province = options.Province ?? run.Province;
        var year = options.Year ?? run.GradingDate.Year;
        _run = new RunRecord(run, year, province, "{}");
        _runId = backend.BeginRun(_run);
    }

    /// <summary>The writer starts with the first rows, once last year's levels have been read on the same connection.</summary>
    private void StartWriter()
    {
        _rows = backend.OpenRows(_runId);
        _writer = new Thread(WriteRows) { Name = "结果库写入", IsBackground = true };
        _writer.Start();
    }

    public LastYearRows? Find(RunDescription run)
    {
        if (_run is null || backend.CompleteRunOf(_run.Province, _run.Year - 1) is not { } last)
        {
            return null;
        }

        LastYearRunId = last;
        return new LastYearRows($"结果库 {backend.Where} {_run.Year - 1} 年评定（第 {last} 次运行）", backend.OrganisationLevels(last));
    }

    public IResultRows? Open(ResultTable table)
    {
        _items[table.Kind] = [.. table.Formatter.ItemIds];
        return new Rows(this, table);
    }

    public void Complete(BatchSummary summary)
    {
        Drain();
        var text = new StringWriter();
        SummaryJson.Write(summary, text);
        _totals = new RunTotals(
            summary.Files.Sum(f => f.RowsRead),
            summary.Files.Sum(f => f.Graded),
            summary.Files.Sum(f => f.Rejected),
            text.ToString(),
            DateTimeOffset.Now);
    }

    private RunTotals? _totals;

    public void Commit()
    {
        var items = JsonSerializer.Serialize(_items.ToDictionary(p => p.Key switch { ResultKind.Team => "领导班子", ResultKind.Member => "党员", _ => "党组织" }, p => p.Value));
        var reportJson = report?.Completed is { } aggregates ? Batch.Report.ReportJson.Write(aggregates) : null;
        backend.CompleteRun(_runId, _run! with { ItemsJson = items }, _totals! with { Finished = DateTimeOffset.Now, ReportJson = reportJson });
        _committed = true;
    }

    public void Dispose()
    {
        if (_writer is not null && !_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
            _writer.Join();
        }

        _rows?.Dispose();
        _rows = null;
        if (!_committed && _runId >= 0)
        {
            try
            {
                backend.AbandonRun(_runId);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                // the connection is gone: the next run of this province and year deletes what is left
            }
        }

        _queue.Dispose();
    }

    /// <summary>Waits until the writer has written every row, and makes them durable.</summary>
    private void Drain()
    {
        if (_writer is null)
        {
            StartWriter();
        }

        _queue.CompleteAdding();
        _writer?.Join();
        if (_failure is not null)
        {
            throw new StoreException($"写入结果库 {backend.Where} 失败：{_failure.Message} (writing to the results store failed)", _failure);
        }

        _rows!.Finish();
    }

    private TextRows Rent(ResultKind kind)
    {
        var rows = _freeText.TryTake(out var free) ? free : new TextRows();
        rows.Reset(kind);
        return rows;
    }

    private void Enqueue(object rows)
    {
        if (_failure is not null)
        {
            throw new StoreException($"写入结果库 {backend.Where} 失败：{_failure.Message} (writing to the results store failed)", _failure);
        }

        if (_writer is null)
        {
            StartWriter();
        }

        _queue.Add(rows);
    }

    private void WriteRows()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                if (batch is TextRows text)
                {
                    _rows!.Write(text);
                    StoreTestHook.RowsWritten(text.Count);
                    _freeText.Add(text);
                    continue;
                }

                var rows = (List<StoredRow>)batch;
                foreach (var row in rows)
                {
                    _rows!.Write(row);
                }

                StoreTestHook.RowsWritten(rows.Count);
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
                // let the grading threads finish; the run fails at the next block or at the end
            }
        }
    }

    private sealed class Rows(StoreSink sink, ResultTable table) : IResultRows
    {
        private int _seq;

        public IResultBlock NewBlock() => sink.ListsAsJson
            ? new TextRowBlock(table, NextSeq, sink.Rent, sink.Enqueue)
            : new Block(this, sink, table);

        public int NextSeq() => ++_seq;
    }

    private sealed class Block(Rows rows, StoreSink sink, ResultTable table) : IResultBlock
    {
        private readonly List<StoredRow?> _records = [];

        public void Clear() => _records.Clear();

        public void Skip() => _records.Add(null);

        public void SkipTo(int records)
        {
            while (_records.Count < records)
            {
                _records.Add(null);
            }
        }

        public void Add(in GradedRow row)
        {
            var formatter = table.Formatter;
            var organisation = table.Kind == ResultKind.Organisation;
            var stored = new StoredRow
            {
                Kind = table.Kind,
                Id = row.Id.ToString(),
                Organisation = table.Kind == ResultKind.Member ? row.Organisation.ToString() : null,
                Name = organisation ? row.Name.ToString() : null,
                Region = organisation ? row.Region.ToArray() : null,
                Level = formatter.LevelLabel(row.Frame) is { Length: > 0 } level ? level : null,
                Total = formatter.Total(row.Frame),
                Items = formatter.Items(row.Frame),
                Flags = formatter.Flags(row.Frame, row.BottomFlag),
                Measures = formatter.Measures(row.Frame),
                Quota = row.Quota,
                BottomRanking = row.BottomNote,
                LastYear = row.LastYear.Length == 0 ? null : row.LastYear,
                Change = row.Change.Length == 0 ? null : row.Change,
            };
            _records.Add(stored);
        }

        public void Write(int from, int to)
        {
            if (to <= from)
            {
                return;
            }

            var batch = new List<StoredRow>(to - from);
            for (var r = from; r < to; r++)
            {
                if (_records[r] is { } row)
                {
                    row.Seq = rows.NextSeq();
                    batch.Add(row);
                }
            }

            if (batch.Count > 0)
            {
                sink.Enqueue(batch);
            }
        }
    }

    private bool ListsAsJson => backend.JsonLists;
}
