using GradingEngine.Batch.Output;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// A result file written past the page cache holds exactly the bytes written to it, whatever the sizes of the writes
/// and wherever the last block ends; where the file system refuses direct writes the same file is written buffered.
/// </summary>
public class DirectFileStreamTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        // The test's own folder, on a disk (a temporary folder may be tmpfs, which takes no direct writes).
        _folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "direct-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4095)]
    [TestCase(4096)]
    [TestCase(DirectFileStream.BufferSize)]
    [TestCase((2 * DirectFileStream.BufferSize) + 1)]
    [TestCase((3 * DirectFileStream.BufferSize) + 12_345)]
    public void FlushToDisk_WritesOfManySizes_FileHoldsExactlyTheBytes(int total)
    {
        var path = Path.Combine(_folder, "members.csv");
        var random = new Random(total);
        var expected = new byte[total];
        random.NextBytes(expected);
        using (var stream = DirectFileStream.Create(path, 1 << 16))
        {
            for (var at = 0; at < total;)
            {
                var size = Math.Min(total - at, random.Next(3) switch { 0 => 1, 1 => random.Next(1, 5_000), _ => random.Next(1, 3 << 20) });
                if (size == 1)
                {
                    stream.WriteByte(expected[at]);
                }
                else
                {
                    stream.Write(expected, at, size);
                }

                at += size;
            }

            Flush(stream);
            Flush(stream); // a second time: nothing more
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(expected));
    }

    [Test]
    public void Write_AfterFlushToDisk_RefusedWhenDirect()
    {
        var path = Path.Combine(_folder, "teams.csv");
        using (var stream = DirectFileStream.Create(path, 1 << 16))
        {
            stream.Write([1, 2, 3]);
            Flush(stream);
            if (DirectFileStream.IsDirect(stream)) // a buffered file (a file system without direct writes) takes more
            {
                Assert.Throws<InvalidOperationException>(() => stream.Write([4]));
            }
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Dispose_WithoutFlush_ClosesTheFile()
    {
        var path = Path.Combine(_folder, "organisations.csv");
        var stream = DirectFileStream.Create(path, 1 << 16);
        stream.Write(new byte[(DirectFileStream.BufferSize * 2) + 7]);
        stream.Dispose();
        Assert.DoesNotThrow(() => File.Delete(path));
    }

    [Test]
    public void Create_ExistingFile_Refused()
    {
        var path = Path.Combine(_folder, "members.csv");
        File.WriteAllText(path, "x");
        Assert.Throws<IOException>(() => DirectFileStream.Create(path, 1 << 16).Dispose());
    }

    private static void Flush(Stream stream)
    {
        if (stream is DirectFileStream direct)
        {
            direct.FlushToDisk();
        }
        else
        {
            ((FileStream)stream).Flush(flushToDisk: true);
        }
    }
}
