using BenchmarkDotNet.Attributes;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Benchmarks;

/// <summary>
/// The members stage's duplicate check on the committing thread: a whole province's 6,117,796 member ids claimed in
/// file order in a fresh <see cref="IdFirstLines"/> (about 110 MB, far larger than the caches), with the id set asked
/// to fetch each id's place <see cref="Ahead"/> ids before it is claimed (0: never), as <c>MemberStage</c> does. The
/// set's memory is mapped in huge pages where the system allows; <c>GRADING_HUGE_PAGES=0</c> measures it without.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class IdFirstLinesBenchmarks
{
    private const int Members = 6_117_796;

    private IdFirstLines.Fingerprint[] _ids = null!;
    private IdFirstLines _set = null!;

    [Params(0, 8, 16)]
    public int Ahead { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ids = new IdFirstLines.Fingerprint[Members];
        for (var m = 0; m < Members; m++)
        {
            // ids as the sample province writes them: the organisation's, then the member's number within it
            _ids[m] = IdFirstLines.Of($"D{10100001 + (m / 20):D9}-{(m % 20) + 1:D3}");
        }
    }

    [IterationSetup]
    public void NewSet() => _set = new IdFirstLines(Members);

    [IterationCleanup]
    public void DropSet() => _set.Dispose();

    [Benchmark(OperationsPerInvoke = Members)]
    public long ClaimEveryId()
    {
        var set = _set;
        var ids = _ids;
        var ahead = Ahead;
        long duplicates = 0;
        for (var m = 0; m < ids.Length; m++)
        {
            if (ahead > 0 && m + ahead < ids.Length)
            {
                set.Prefetch(ids[m + ahead]);
            }

            duplicates += set.FirstOrAdd(ids[m], m + 1L) > 0 ? 1 : 0;
        }

        return duplicates;
    }
}
