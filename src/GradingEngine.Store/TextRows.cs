using GradingEngine.Batch.Output;

namespace GradingEngine.Store;

/// <summary>
/// A batch of result rows for a store that keeps lists as JSON text (SQLite): every text field of every row as UTF-8
/// in one byte array, read by the writer as spans, so that a row costs no strings and no arrays of its own on the way from the
/// grading worker to the database. Batches are pooled by the sink and reused.
/// </summary>
internal sealed class TextRows
{
    /// <summary>The text fields of a row, in this order.</summary>
    public const int Fields = 12;

    public const int Id = 0, Organisation = 1, Name = 2, Region = 3, Level = 4, Items = 5, Flags = 6, Measures = 7,
        Quota = 8, BottomRanking = 9, LastYear = 10, Change = 11;

    private byte[] _bytes = new byte[1 << 17];
    private int[] _starts = new int[Fields * 256];
    private int[] _lengths = new int[Fields * 256];
    private double[] _totals = new double[256];
    private int[] _seqs = new int[256];
    private int _length;

    public ResultKind Kind { get; private set; }

    public int Count { get; private set; }

    public void Reset(ResultKind kind)
    {
        Kind = kind;
        Count = 0;
        _length = 0;
    }

    /// <summary>Adds one row: its fields are the spans of UTF-8 <paramref name="text"/> that <paramref name="starts"/> and <paramref name="lengths"/> give (<see cref="Fields"/> of each; a length of -1 is null).</summary>
    public void Add(int seq, double total, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths)
    {
        if (Count == _totals.Length)
        {
            Array.Resize(ref _totals, Count * 2);
            Array.Resize(ref _seqs, Count * 2);
            Array.Resize(ref _starts, Count * 2 * Fields);
            Array.Resize(ref _lengths, Count * 2 * Fields);
        }

        var first = starts[0];
        var last = 0;
        for (var f = 0; f < Fields; f++)
        {
            if (lengths[f] >= 0)
            {
                last = Math.Max(last, starts[f] + lengths[f]);
            }
        }

        var span = Math.Max(0, last - first);
        if (_length + span > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + span));
        }

        text.Slice(first, span).CopyTo(_bytes.AsSpan(_length));
        for (var f = 0; f < Fields; f++)
        {
            _starts[(Count * Fields) + f] = starts[f] - first + _length;
            _lengths[(Count * Fields) + f] = lengths[f];
        }

        _length += span;
        _totals[Count] = total;
        _seqs[Count] = seq;
        Count++;
    }

    public int Seq(int row) => _seqs[row];

    public double Total(int row) => _totals[row];

    /// <summary>The UTF-8 text of every row, which <see cref="Range"/> indexes.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Where the field's UTF-8 text is in <see cref="Bytes"/>; a length of -1 is null.</summary>
    public (int Start, int Length) Range(int row, int field) => (_starts[(row * Fields) + field], _lengths[(row * Fields) + field]);
}
