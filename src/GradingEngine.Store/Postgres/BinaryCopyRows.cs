using System.Buffers.Binary;
using System.Text;

namespace GradingEngine.Store.Postgres;

/// <summary>
/// Result rows encoded in PostgreSQL's binary COPY format by the store's writer thread and sent as raw bytes
/// (<c>NpgsqlConnection.BeginRawBinaryCopy</c>): Npgsql's importer resolves a converter and binds a parameter for
/// every value it writes, over half of the writer's time for 16 values a row; here a row is a few big-endian integers
/// and UTF-8 texts written into one buffer.
/// </summary>
internal sealed class BinaryCopyRows(Stream copy)
{
    private const int FieldCount = 16;
    private const int Float8Oid = 701;
    private const int TextOid = 25;
    private const int FlushAt = 1 << 20;

    private byte[] _buffer = new byte[FlushAt * 2];
    private int _length;

    /// <summary>The format's signature, flags and header extension: once, before the first row.</summary>
    public void Header()
    {
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(Room(19));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 11), 0);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 15), 0);
        _length += 19;
    }

    /// <summary>One row: run_id, kind, seq, subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year, change.</summary>
    public void Row(long runId, StoredRow row)
    {
        Int16(FieldCount);
        Int32(8);
        Int64(runId);
        Int32(2);
        Int16((short)row.Kind);
        Int32(4);
        Int32(row.Seq);
        Text(row.Id);
        Text(row.Organisation);
        Text(row.Name);
        Texts(row.Region);
        Text(row.Level);
        Int32(8);
        Int64(BitConverter.DoubleToInt64Bits(row.Total));
        Numbers(row.Items);
        Texts(row.Flags);
        Texts(row.Measures);
        Text(row.Quota);
        Text(row.BottomRanking);
        Text(row.LastYear);
        Text(row.Change);
        if (_length >= FlushAt)
        {
            Flush();
        }
    }

    /// <summary>The end of the rows (a field count of -1), then everything still buffered sent.</summary>
    public void Trailer()
    {
        Int16(-1);
        Flush();
    }

    private void Flush()
    {
        copy.Write(_buffer, 0, _length);
        _length = 0;
    }

    private Span<byte> Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }

        return _buffer.AsSpan(_length, bytes);
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Room(2), value);
        _length += 2;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Room(4), value);
        _length += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Room(8), value);
        _length += 8;
    }

    /// <summary>A text value: its length in bytes, then UTF-8; null as a length of -1.</summary>
    private void Text(string? text)
    {
        if (text is null)
        {
            Int32(-1);
            return;
        }

        var at = _length;
        Room(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at), written);
        _length = at + 4 + written;
    }

    /// <summary>A one-dimensional <c>text[]</c> without nulls; null as a length of -1.</summary>
    private void Texts(string[]? texts)
    {
        if (texts is null)
        {
            Int32(-1);
            return;
        }

        var at = _length;
        Int32(0); // the array's length, written once it is known
        ArrayHeader(TextOid, texts.Length);
        foreach (var text in texts)
        {
            Text(text);
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at), _length - at - 4);
    }

    /// <summary>A one-dimensional <c>double precision[]</c>.</summary>
    private void Numbers(double[] numbers)
    {
        Int32(12 + (numbers.Length > 0 ? 8 + (numbers.Length * 12) : 0));
        ArrayHeader(Float8Oid, numbers.Length);
        foreach (var number in numbers)
        {
            Int32(8);
            Int64(BitConverter.DoubleToInt64Bits(number));
        }
    }

    /// <summary>Dimensions (1, or 0 for an empty array), no nulls, the element type; for one dimension its length and lower bound 1.</summary>
    private void ArrayHeader(int elementOid, int count)
    {
        Int32(count > 0 ? 1 : 0);
        Int32(0);
        Int32(elementOid);
        if (count > 0)
        {
            Int32(count);
            Int32(1);
        }
    }
}
