using System.Data;

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
    private readonly CsvRowText _csv = new();
    private readonly object[] _values;
    private bool _done;

    /// <summary>Reads <paramref name="reader"/>; disposing the stream disposes of it, then of <paramref name="owners"/> in order (its command, its connection).</summary>
    public DataReaderCsvStream(IDataReader reader, params IDisposable[] owners)
    {
        _owners = owners;
        _reader = reader;
        _values = new object[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _csv.Value(reader.GetName(i), first: i == 0);
        }

        _csv.EndRow();
    }

    protected override ReadOnlyMemory<byte> Produce()
    {
        if (_csv.IsEmpty && !_done)
        {
            Fill();
        }

        return _csv.Take();
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
                _csv.Value(_values[i], first: i == 0);
            }

            _csv.EndRow();
        }
    }
}
