using System.Data;
using System.Text;
using GradingEngine.Batch.Input;
using Npgsql;

namespace GradingEngine.Store.Tables;

/// <summary>
/// A PostgreSQL table or view read as CSV that the server writes itself (<c>COPY (SELECT …) TO STDOUT (FORMAT csv,
/// HEADER)</c>): no value is boxed or turned into a string on this side, the CSV reader gets the text as it comes. Each
/// column is written as <see cref="DataReaderCsvStream"/> writes it from a query: booleans as <c>true</c>/<c>false</c>,
/// dates and timestamps as <c>yyyy-MM-dd</c>, numbers and text in PostgreSQL's own form; a NULL is an empty cell.
/// </summary>
internal sealed class PostgresCsvExport : ProducedStream
{
    private readonly TextReader _text;
    private readonly NpgsqlConnection _connection;
    private readonly char[] _chars = new char[1 << 15];
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(1 << 15)];

    private PostgresCsvExport(TextReader text, NpgsqlConnection connection)
    {
        _text = text;
        _connection = connection;
    }

    /// <summary>Starts the export of <paramref name="table"/> on <paramref name="connection"/> (open); the stream owns the connection.</summary>
    public static PostgresCsvExport Start(NpgsqlConnection connection, string table)
    {
        var quoted = Quote(table);
        var columns = new List<string>();
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = $"SELECT * FROM {quoted} LIMIT 0";
            using var reader = probe.ExecuteReader(CommandBehavior.SchemaOnly);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = Quote(reader.GetName(i));
                columns.Add(reader.GetDataTypeName(i) switch
                {
                    "boolean" => $"{name}::text AS {name}",
                    "date" or "timestamp without time zone" or "timestamp with time zone" => $"to_char({name}, 'YYYY-MM-DD') AS {name}",
                    _ => name,
                });
            }
        }

        var text = connection.BeginTextExport($"COPY (SELECT {string.Join(", ", columns)} FROM {quoted}) TO STDOUT (FORMAT csv, HEADER true, ENCODING 'UTF8')");
        return new PostgresCsvExport(text, connection);
    }

    protected override ReadOnlyMemory<byte> Produce()
    {
        var read = _text.Read(_chars, 0, _chars.Length - 1); // room for a surrogate pair's second half
        if (read == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        // A surrogate pair split between two reads is kept whole: the encoder would otherwise replace each half.
        if (char.IsHighSurrogate(_chars[read - 1]) && _text.Peek() >= 0)
        {
            _chars[read++] = (char)_text.Read();
        }

        return _bytes.AsMemory(0, Encoding.UTF8.GetBytes(_chars, 0, read, _bytes, 0));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _text.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
