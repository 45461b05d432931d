using System.Globalization;
using System.Text;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch;

public class IdFirstLinesTests
{
    [TestCase("The quick brown fox jumps over the lazy dog", "6c1b07bc7bbc4be347939ac4a93c437a")]
    [TestCase("The quick brown fox jumps over the lazy dog.", "c902e99e1f4899cde7b68789a3a15d69")]
    [TestCase("", "00000000000000000000000000000000")]
    public void Murmur3_KnownVectors(string text, string expected)
    {
        var (first, second) = IdFirstLines.Murmur3(Encoding.ASCII.GetBytes(text));

        // The reference prints the two halves' bytes in memory order (little-endian).
        var printed = Convert.ToHexStringLower([.. BitConverter.GetBytes(first), .. BitConverter.GetBytes(second)]);
        Assert.That(printed, Is.EqualTo(expected));
    }

    [Test]
    public void FirstOrAdd_NewIdAddedAndTheFirstLineKept()
    {
        var set = new IdFirstLines();

        Assert.That(set.FirstOrAdd(IdFirstLines.Of("D010100001-001"), 2), Is.Zero);
        Assert.That(set.FirstOrAdd(IdFirstLines.Of("D010100001-002"), 3), Is.Zero);
        Assert.That(set.FirstOrAdd(IdFirstLines.Of("D010100001-001"), 9), Is.EqualTo(2));
        Assert.That(set.FirstOrAdd(IdFirstLines.Of("D010100001-001"), 12), Is.EqualTo(2), "the first line, not the latest");
        Assert.That(set.FirstOrAdd(IdFirstLines.Of("D010100001-00"), 13), Is.Zero, "a prefix is another id");
        Assert.That(set.Count, Is.EqualTo(3));
    }

    [Test]
    public void FirstOrAdd_LineBeyondWhatAnEntryHolds_StillReported()
    {
        var set = new IdFirstLines();
        const long Far = 5_000_000_000;

        Assert.That(set.FirstOrAdd(IdFirstLines.Of("x"), Far), Is.Zero);
        Assert.That(set.FirstOrAdd(IdFirstLines.Of("x"), Far + 1), Is.EqualTo(Far));
    }

    [Test]
    public void FirstOrAdd_ManySimilarIds_EachFoundAgainWithItsLineInUnderTwentyThreeBytesApiece()
    {
        const int Ids = 200_000;
        var set = new IdFirstLines();
        string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"D{i / 20:D9}-{i % 20:D3}");

        var wrong = new List<string>();
        for (var i = 0; i < Ids; i++)
        {
            if (set.FirstOrAdd(IdFirstLines.Of(Id(i)), i + 2) != 0)
            {
                wrong.Add($"{Id(i)} taken for an id seen before");
            }
        }

        for (var i = 0; i < Ids; i += 7)
        {
            if (set.FirstOrAdd(IdFirstLines.Of(Id(i)), Ids + 10L) is var first && first != i + 2)
            {
                wrong.Add($"{Id(i)} first seen on line {first}, not {i + 2}");
            }
        }

        Assert.That(wrong, Is.Empty);
        Assert.That(set.Count, Is.EqualTo(Ids));
        Assert.That(set.Bytes / (double)Ids, Is.InRange(16 / 0.9, 16 / 0.7), "bytes per id");
    }

    [Test]
    public void Constructor_SizedForTheIdsExpected_HoldsThemWithoutGrowing()
    {
        const int Ids = 300_000;
        var set = new IdFirstLines(Ids);
        var bytes = set.Bytes;

        for (var i = 0; i < Ids; i++)
        {
            set.FirstOrAdd(IdFirstLines.Of(i.ToString(CultureInfo.InvariantCulture)), i + 1);
        }

        Assert.That(set.Bytes, Is.EqualTo(bytes), "no table grew");
        Assert.That(bytes / (double)Ids, Is.LessThan(16 * 1.2 / 0.9), "bytes per id: 16, 90 % full, and a margin (smaller for more ids)");
    }
}
