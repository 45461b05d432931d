using GradingEngine.Batch.Output;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GradingEngine.Store.Sqlite;

/// <summary>How a run's result rows are written: one transaction, prepared multi-row statements, text bound in place.</summary>
internal sealed partial class SqliteBackend
{
    /// <summary>
    /// One transaction for every row of the run, written by statements prepared once and bound through SQLite's own
    /// calls (<see cref="SqliteNative"/>; text as UTF-8, the database's own encoding, bound in place from the batch,
    /// which stays pinned while it is written): no parameter objects, boxing or reader per row. Rows go
    /// <see cref="RowsPerInsert"/> to a statement, so that SQLite's per-statement work (starting and halting the
    /// program, opening the table's cursor and seeking its end) is done once for as many rows.
    /// </summary>
    private sealed class RowWriter : IStoreRowWriter
    {
        /// <summary>
        /// Rows a multi-row insert takes: 14 parameters each, far under SQLite's limit of 32,766. Measured on the
        /// writer thread of a whole province (perf, samples of that thread): see <c>benchmarks/README.md</c>.
        /// </summary>
        internal const int RowsPerInsert = 32;

        // Each row's parameters, in ValueColumns' order after its key: key 1, subject_id 2, organisation_id 3, name 4,
        // region 5, level 6, total 7, items 8, flags 9, measures 10, quota 11, bottom_ranking 12, last_year 13, change 14.
        private const int ParametersPerRow = 14;
        private const int TotalParameter = 7;
        private static readonly int[] TextParameter = [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14];

        private readonly SqliteTransaction _transaction;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _single;
        private readonly sqlite3_stmt _multiple;
        private readonly IntPtr _one; // the statements' own handles, for SqliteNative's calls; held while referenced
        private readonly IntPtr _many;
        private bool _singleReferenced;
        private bool _multipleReferenced;

        // Which parameters of each statement hold NULL now: bindings outlive a reset, so a NULL is bound only over text.
        private readonly bool[] _singleNull = new bool[ParametersPerRow + 1];
        private readonly bool[] _multipleNull = new bool[(ParametersPerRow * RowsPerInsert) + 1];

        private readonly SqliteBackend _store;
        private readonly bool _rollbackJournal;
        private readonly long _runId;

        public RowWriter(SqliteBackend store, long runId)
        {
            _store = store;
            _rollbackJournal = store.UseRollbackJournal();
            _transaction = store.Begin();
            _db = store._connection.Handle!;
            _runId = runId;
            Check(raw.sqlite3_prepare_v2(_db, InsertSql(1), out _single));
            Check(raw.sqlite3_prepare_v2(_db, InsertSql(RowsPerInsert), out _multiple));
            _single.DangerousAddRef(ref _singleReferenced);
            _multiple.DangerousAddRef(ref _multipleReferenced);
            _one = _single.DangerousGetHandle();
            _many = _multiple.DangerousGetHandle();
        }

        private static string InsertSql(int rows)
        {
            var row = "(" + string.Join(", ", Enumerable.Repeat("?", ParametersPerRow)) + ")";
            // OR FAIL: a statement of many rows that could abort half-way (NOT NULL, the key) would make SQLite keep a
            // statement journal, a temporary file holding each page the statement changes that the transaction had
            // already changed: the last leaf page (64 KiB) again for every statement, 5.6 GB for a province of 1.7 GB.
            // A failing row fails the run, whose transaction is rolled back whole, so nothing needs undoing by statement.
            return $"INSERT OR FAIL INTO results (row_key, {ValueColumns}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
        }

        /// <summary>Not used: SQLite keeps lists as JSON text, so its rows come as <see cref="TextRows"/> batches.</summary>
        public void Write(StoredRow row) => throw new NotSupportedException("SQLite rows are written as TextRows");

        public unsafe void Write(TextRows rows)
        {
            fixed (byte* text = rows.Bytes)
            {
                var r = 0;
                for (; r + RowsPerInsert <= rows.Count; r += RowsPerInsert)
                {
                    for (var j = 0; j < RowsPerInsert; j++)
                    {
                        Bind(_many, _multipleNull, j * ParametersPerRow, rows, r + j, text);
                    }

                    Step(_many);
                }

                for (; r < rows.Count; r++)
                {
                    Bind(_one, _singleNull, 0, rows, r, text);
                    Step(_one);
                }
            }
        }

        // Binds a row's values after parameter `first`; the text stays where it is (the batch is pinned until the statement has run).
        private unsafe void Bind(IntPtr insert, bool[] isNull, int first, TextRows rows, int r, byte* text)
        {
            Check(SqliteNative.BindInt64(insert, first + 1, RowKey(_runId, rows.Kind, rows.Seq(r))));
            for (var f = 0; f < TextRows.Fields; f++)
            {
                var (start, length) = rows.Range(r, f);
                var parameter = first + TextParameter[f];
                if (length > 0)
                {
                    Check(SqliteNative.BindStaticText(insert, parameter, text + start, length));
                    isNull[parameter] = false;
                }
                else if (!isNull[parameter])
                {
                    Check(SqliteNative.BindNull(insert, parameter));
                    isNull[parameter] = true;
                }
            }

            Check(SqliteNative.BindDouble(insert, first + TotalParameter, rows.Total(r)));
        }

        private void Step(IntPtr insert)
        {
            var done = SqliteNative.Step(insert);
            _ = SqliteNative.Reset(insert); // repeats the step's error, checked below
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }

        public void Finish() => _transaction.Commit();

        public void Dispose()
        {
            if (_singleReferenced)
            {
                _single.DangerousRelease();
                _singleReferenced = false;
            }

            if (_multipleReferenced)
            {
                _multiple.DangerousRelease();
                _multipleReferenced = false;
            }

            _single.Dispose();
            _multiple.Dispose();
            _transaction.Dispose(); // rolls back when not committed
            if (_rollbackJournal)
            {
                _store.UseWal();
            }
        }

        private void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
            }
        }
    }
}
