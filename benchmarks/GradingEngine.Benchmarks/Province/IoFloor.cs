using System.Buffers;
using GradingEngine.Grading;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// The I/O floor of a province run: the same input files read and parsed (every cell split, every numeric cell
/// parsed) on the same threads, and the same result files written (copied from a graded run's outputs), with no
/// grading at all. What a run takes beyond this is the engine's own share.
/// </summary>
internal static class IoFloor
{
    public static long Run(string dataFolder, string referenceOutputs, string outputFolder, int threads)
    {
        long cells = 0;
        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv", "organisations.csv" })
        {
            // The organisations file is read twice, as the real run does (index, then grading).
            using var reader = RecordFileReader.Open(Path.Combine(dataFolder, name));
            var counts = new long[threads];
            BlockPipeline.Run(
                reader,
                threads,
                reader.NewBlock,
                block => block,
                (block, worker) => counts[worker] += Parse(block),
                _ => { },
                CancellationToken.None);
            cells += counts.Sum();
        }

        Directory.CreateDirectory(outputFolder);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            foreach (var file in Directory.GetFiles(referenceOutputs))
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                using var target = new FileStream(Path.Combine(outputFolder, Path.GetFileName(file)), FileMode.Create, FileAccess.Write, FileShare.None, 1);
                int read;
                while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    target.Write(buffer, 0, read);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return cells;
    }

    private static long Parse(RecordBlock block)
    {
        long parsed = 0;
        for (var r = 0; r < block.Count; r++)
        {
            for (var f = 0; f < block.FieldCount(r); f++)
            {
                if (InputText.TryParseNumber(block.Field(r, f).Trim(), out _))
                {
                    parsed++;
                }
            }
        }

        return parsed;
    }
}
