using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The line each id of a file was first seen on, for millions of ids in about 19 bytes each: an id is kept as a
/// fingerprint, never as text.
/// </summary>
/// <remarks>
/// <para>
/// The fingerprint is the 128-bit MurmurHash3 (x64) of the id's UTF-16 text. 104 of its bits tell ids apart: 8 pick
/// one of 256 tables, and each entry keeps 64 bits (where the entry goes, then compared) and 32 more bits compared
/// when the first 64 match, beside the line. Two different ids are taken for one only when all 104 bits agree: for
/// n ids the chance is about n² / 2¹⁰⁵, under 10⁻¹⁸ for a province's 6 million members, where keeping the ids
/// themselves would cost some 100 bytes each.
/// </para>
/// <para>
/// Each table is a Robin Hood hash table with linear probing, sized from the number of ids expected so that it ends
/// up to 90 % full, about 19 bytes an id. The tables are slices of one block of memory, mapped in huge pages where
/// the system allows (<see cref="HugePageTable{T}"/>) and given back by <see cref="Dispose"/>; a table that has to hold
/// more than expected moves to an array of its own, a quarter larger, one small table at a time, never the whole set.
/// </para>
/// </remarks>
internal sealed class IdFirstLines : IDisposable
{
    private const int Tables = 256;
    private const int InitialCapacity = 16;
    private const double MaxLoad = 0.9;

    // Table t: _shared[_starts[t] .. _starts[t] + _capacities[t]] until it grows, then _arrays[t] (null until then).
    private readonly HugePageTable<Entry> _shared;
    private readonly Entry[]?[] _arrays = new Entry[Tables][];
    private readonly int[] _starts = new int[Tables];
    private readonly int[] _capacities = new int[Tables];
    private readonly int[] _counts = new int[Tables];
    private Dictionary<Fingerprint, long>? _farLines; // lines past what an entry holds

    /// <summary>
    /// Creates an empty set sized for about <paramref name="expected"/> ids: 5 % more, and room for a table to get
    /// four standard deviations more than its share.
    /// </summary>
    public IdFirstLines(long expected = 0)
    {
        var share = Math.Max(expected, 0) / (double)Tables;
        var capacity = (int)Math.Clamp((long)Math.Ceiling(((1.05 * share) + (4 * Math.Sqrt(share))) / MaxLoad), InitialCapacity, Array.MaxLength / Tables);
        _shared = new HugePageTable<Entry>(capacity * Tables);
        for (var t = 0; t < Tables; t++)
        {
            (_starts[t], _capacities[t]) = (t * capacity, capacity);
        }

        Bytes = (long)_shared.Length * Marshal.SizeOf<Entry>();
    }

    /// <summary>Gives the shared tables' memory back (the set must not be used after).</summary>
    public void Dispose() => _shared.Dispose();

    /// <summary>Table <paramref name="t"/>'s entries.</summary>
    private Span<Entry> Table(int t) => _arrays[t] is { } own ? own.AsSpan() : _shared.Slice(_starts[t], _capacities[t]);

    /// <summary>How many ids the set holds.</summary>
    public long Count { get; private set; }

    /// <summary>The bytes the set's arrays take.</summary>
    public long Bytes { get; private set; }

    /// <summary>The fingerprint of an id's text.</summary>
    public static Fingerprint Of(ReadOnlySpan<char> id)
    {
        var (high, low) = Murmur3(MemoryMarshal.AsBytes(id));
        return new Fingerprint(high, low);
    }

    /// <summary>
    /// Adds the id first seen on <paramref name="line"/> (at least 1) and returns 0; or, when the set holds it
    /// already, returns the line it was first seen on and changes nothing.
    /// </summary>
    public long FirstOrAdd(Fingerprint id, long line)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        var t = (int)(id.Low >> 56);
        if (_counts[t] >= (int)(_capacities[t] * MaxLoad))
        {
            Grow(t);
        }

        var table = Table(t);
        var capacity = table.Length;
        var key = id.High;
        var check = (uint)id.Low;
        var position = Home(key, capacity);
        for (var distance = 0; ; distance++)
        {
            ref var entry = ref table[position];
            if (entry.Line == 0)
            {
                break;
            }

            if (entry.Key == key && entry.Check == check)
            {
                return entry.Line == uint.MaxValue ? _farLines![id] : entry.Line;
            }

            var theirs = position - Home(entry.Key, capacity);
            if ((theirs < 0 ? theirs + capacity : theirs) < distance)
            {
                break; // in a Robin Hood table the id would have been found by now: it goes here
            }

            if (++position == capacity)
            {
                position = 0;
            }
        }

        var stored = line;
        if (line >= uint.MaxValue)
        {
            (_farLines ??= [])[id] = line;
            stored = uint.MaxValue;
        }

        Insert(table, position, new Entry { Key = key, Check = check, Line = (uint)stored });
        _counts[t]++;
        Count++;
        return 0;
    }

    /// <summary>
    /// Asks the processor to fetch where <paramref name="id"/> would be found, a few ids before it is looked up: the
    /// set is far larger than the caches (110 MB for 6 million ids), so each look-up otherwise waits for memory.
    /// </summary>
    public unsafe void Prefetch(Fingerprint id)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var t = (int)(id.Low >> 56);
        var table = Table(t);
        fixed (Entry* entry = &table[Home(id.High, table.Length)])
        {
            Sse.Prefetch0(entry); // a hint: the address need not stay valid
        }
    }

    /// <summary>Moves table <paramref name="t"/> to an array of its own, a quarter larger.</summary>
    private void Grow(int t)
    {
        var table = Table(t);
        var grown = new Entry[table.Length + Math.Max(table.Length / 4, 1)];
        foreach (var entry in table)
        {
            if (entry.Line != 0)
            {
                Insert(grown, Home(entry.Key, grown.Length), entry);
            }
        }

        if (_arrays[t] is not null)
        {
            Bytes -= (long)table.Length * Marshal.SizeOf<Entry>();
        }

        (_arrays[t], _starts[t], _capacities[t]) = (grown, 0, grown.Length);
        Bytes += (long)grown.Length * Marshal.SizeOf<Entry>();
    }

    /// <summary>
    /// Places an entry known not to be in the table at <paramref name="position"/>, where its probe stopped (an empty
    /// slot, or one whose entry is nearer its own place), moving the entries from there on along (Robin Hood).
    /// </summary>
    private static void Insert(Span<Entry> table, int position, Entry entry)
    {
        var capacity = table.Length;
        var distance = position - Home(entry.Key, capacity);
        distance = distance < 0 ? distance + capacity : distance;
        for (; ; distance++)
        {
            ref var slot = ref table[position];
            if (slot.Line == 0)
            {
                slot = entry;
                return;
            }

            var theirs = position - Home(slot.Key, capacity);
            if (theirs < 0)
            {
                theirs += capacity;
            }

            if (theirs < distance)
            {
                (slot, entry) = (entry, slot);
                distance = theirs;
            }

            if (++position == capacity)
            {
                position = 0;
            }
        }
    }

    /// <summary>Where a key belongs in a table of <paramref name="capacity"/> entries: its high 32 bits scaled to the capacity.</summary>
    private static int Home(ulong key, int capacity) => (int)(((key >> 32) * (ulong)capacity) >> 32);

    /// <summary>MurmurHash3 x64, 128 bits, seed 0 (Austin Appleby's reference, public domain): the two halves as the reference writes them, first then second.</summary>
    internal static (ulong First, ulong Second) Murmur3(ReadOnlySpan<byte> data)
    {
        const ulong C1 = 0x87c37b91114253d5;
        const ulong C2 = 0x4cf5ad432745937f;
        ulong h1 = 0, h2 = 0;
        var blocks = data.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 16, 8));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice((i * 16) + 8, 8));
            h1 ^= BitOperations.RotateLeft(k1 * C1, 31) * C2;
            h1 = (BitOperations.RotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= BitOperations.RotateLeft(k2 * C2, 33) * C1;
            h2 = (BitOperations.RotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }

        // The tail as two little-endian words, zero-padded: mixing a zero word changes nothing, as the reference's
        // switch does not mix it.
        var tail = data[(blocks * 16)..];
        ulong t1 = 0, t2 = 0;
        for (var i = tail.Length - 1; i >= 8; i--)
        {
            t2 = (t2 << 8) | tail[i];
        }

        for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
        {
            t1 = (t1 << 8) | tail[i];
        }

        h1 ^= BitOperations.RotateLeft(t1 * C1, 31) * C2;
        h2 ^= BitOperations.RotateLeft(t2 * C2, 33) * C1;

        h1 ^= (ulong)data.Length;
        h2 ^= (ulong)data.Length;
        h1 += h2;
        h2 += h1;
        h1 = Mix(h1);
        h2 = Mix(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);

        static ulong Mix(ulong k)
        {
            k ^= k >> 33;
            k *= 0xff51afd7ed558ccd;
            k ^= k >> 33;
            k *= 0xc4ceb9fe1a85ec53;
            return k ^ (k >> 33);
        }
    }

    /// <summary>An id's fingerprint: the two halves of its hash.</summary>
    internal readonly record struct Fingerprint(ulong High, ulong Low);

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Entry
    {
        public ulong Key;
        public uint Check;
        public uint Line; // 0: empty; uint.MaxValue: the line is in _farLines
    }
}
