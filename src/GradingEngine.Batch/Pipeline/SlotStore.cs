using GradingEngine.Facts;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Keeps a few values of many graded subjects (a member's level and flags, a team's results) in flat, chunked arrays:
/// what a parent scheme reads of each child, without keeping the children's frames. Rows are appended by one thread
/// and read by many once appending is over.
/// </summary>
internal sealed class SlotStore
{
    private const int ChunkBits = 16;
    private const int ChunkRows = 1 << ChunkBits;
    private readonly Slot[] _from;
    private readonly Slot[] _to;
    private readonly int _numbers;
    private readonly int _booleans;
    private readonly int _texts;
    private readonly List<double[]> _numberChunks = [];
    private readonly List<bool[]> _booleanChunks = [];
    private readonly List<string[]> _textChunks = [];

    /// <param name="from">The slots read from a child frame.</param>
    /// <param name="to">The slots written when restoring (the same slots for list children; the parent's for a subject).</param>
    public SlotStore(IReadOnlyList<Slot> from, IReadOnlyList<Slot> to)
    {
        _from = [.. from];
        _to = [.. to];
        _numbers = _from.Count(s => s.Kind == StorageKind.Number);
        _booleans = _from.Count(s => s.Kind == StorageKind.Boolean);
        _texts = _from.Count(s => s.Kind == StorageKind.Text);
    }

    public long Count { get; private set; }

    /// <summary>A scratch record of one subject's values, filled by a worker and appended in order.</summary>
    public sealed class Row(int numbers, int booleans, int texts)
    {
        public readonly double[] Numbers = new double[numbers];
        public readonly bool[] Booleans = new bool[booleans];
        public readonly string[] Texts = new string[texts];
    }

    public Row NewRow() => new(_numbers, _booleans, _texts);

    /// <summary>Copies the stored slots of <paramref name="frame"/> into <paramref name="row"/>.</summary>
    public void Capture(FactFrame frame, Row row)
    {
        int n = 0, b = 0, t = 0;
        foreach (var slot in _from)
        {
            switch (slot.Kind)
            {
                case StorageKind.Number:
                    row.Numbers[n++] = frame.Numbers[slot.Index];
                    break;
                case StorageKind.Boolean:
                    row.Booleans[b++] = frame.Booleans[slot.Index];
                    break;
                case StorageKind.Text:
                    row.Texts[t++] = frame.Texts[slot.Index];
                    break;
            }
        }
    }

    /// <summary>Appends a captured row; returns its index.</summary>
    public long Append(Row row)
    {
        var index = Count;
        var chunk = (int)(index >> ChunkBits);
        var offset = (int)(index & (ChunkRows - 1));
        if (chunk == _numberChunks.Count)
        {
            _numberChunks.Add(new double[ChunkRows * _numbers]);
            _booleanChunks.Add(new bool[ChunkRows * _booleans]);
            _textChunks.Add(new string[ChunkRows * _texts]);
        }

        Array.Copy(row.Numbers, 0, _numberChunks[chunk], offset * _numbers, _numbers);
        Array.Copy(row.Booleans, 0, _booleanChunks[chunk], offset * _booleans, _booleans);
        Array.Copy(row.Texts, 0, _textChunks[chunk], offset * _texts, _texts);
        Count++;
        return index;
    }

    /// <summary>Writes row <paramref name="index"/>'s values into the target slots of <paramref name="frame"/>.</summary>
    public void Restore(long index, FactFrame frame)
    {
        var chunk = (int)(index >> ChunkBits);
        var offset = (int)(index & (ChunkRows - 1));
        int n = offset * _numbers, b = offset * _booleans, t = offset * _texts;
        var numbers = _numberChunks[chunk];
        var booleans = _booleanChunks[chunk];
        var texts = _textChunks[chunk];
        for (var i = 0; i < _to.Length; i++)
        {
            var slot = _to[i];
            switch (slot.Kind)
            {
                case StorageKind.Number:
                    frame.Numbers[slot.Index] = numbers[n++];
                    break;
                case StorageKind.Boolean:
                    frame.Booleans[slot.Index] = booleans[b++];
                    break;
                case StorageKind.Text:
                    frame.Texts[slot.Index] = texts[t++];
                    break;
            }
        }
    }
}
