using System.Globalization;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// The stage-long tables mapped in huge pages (<see cref="HugePageTable{T}"/>): zeroed, every value kept where it was
/// written, the same as a managed array when the mapping is not used; the members' id set built on one.
/// </summary>
public class HugePageTableTests
{
    [TestCase(0)]
    [TestCase(1000)] // under one huge page: a managed array
    [TestCase(3_000_001)] // 24 MB of longs, not a whole number of huge pages
    public void Table_ZeroedAndKeepsEveryValue(int length)
    {
        using var table = new HugePageTable<long>(length);

        var all = table.Slice(0, length);
        Assert.That(all.Length, Is.EqualTo(length));
        Assert.That(all.IndexOfAnyExcept(0L), Is.EqualTo(-1), "zeroed");
        for (var i = 0; i < length; i++)
        {
            all[i] = i * 7L;
        }

        var middle = table.Slice(length / 3, length / 3);
        for (var i = 0; i < middle.Length; i++)
        {
            Assert.That(middle[i], Is.EqualTo(((length / 3) + i) * 7L));
        }

        Assert.That(table.IsMapped, Is.EqualTo(OperatingSystem.IsLinux() && length * 8L >= 2 << 20));
    }

    [Test]
    public void Table_SliceOutsideOrAfterDispose_Refused()
    {
        var table = new HugePageTable<int>(1 << 20);

        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slice(1 << 19, (1 << 19) + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slice(-1, 1));
        table.Dispose();
        if (table.IsMapped)
        {
            Assert.Throws<ObjectDisposedException>(() => table.Slice(0, 1));
        }

        table.Dispose(); // twice is harmless
    }

    [Test]
    public void IdSet_MoreIdsThanExpected_TablesMoveOutOfTheSharedMemory_EveryIdFoundWithItsLine()
    {
        const int Expected = 200_000;
        const int Ids = 320_000;
        using var set = new IdFirstLines(Expected);
        var bytes = set.Bytes;
        string Id(int i) => i.ToString("D9", CultureInfo.InvariantCulture);

        for (var i = 0; i < Ids; i++)
        {
            Assert.That(set.FirstOrAdd(IdFirstLines.Of(Id(i)), i + 1), Is.Zero, Id(i));
        }

        Assert.That(set.Bytes, Is.GreaterThan(bytes), "tables grew");
        var wrong = Enumerable.Range(0, Ids).Where(i => set.FirstOrAdd(IdFirstLines.Of(Id(i)), Ids + 5L) != i + 1).Take(5).ToList();
        Assert.That(wrong, Is.Empty);
        Assert.That(set.Count, Is.EqualTo(Ids));
    }
}
