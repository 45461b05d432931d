using BenchmarkDotNet.Attributes;
using GradingEngine.Batch;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// Whether a province's members file lists each organisation's members together, the question the run asks beside
/// the team stage: from the organisation column's bytes (<c>MemberOrder.ByBytes</c>, what the run uses) against the
/// records as the grading reads them, decoded and split (<c>MemberOrder.ByRecords</c>). The 1/10 province (30,000
/// organisations, about 610,000 members, 71 MB), one thread.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MemberOrderBenchmarks
{
    private RunContext _context = null!;
    private OrganisationIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = ProvinceData.Folder(30_000);
        _context = new RunContext(new ProvinceGrader(ProvinceData.Organisation), ProvinceFiles.InFolder(folder), new BatchOptions { Threads = 1 }, CancellationToken.None);
        (_index, _) = IndexStage.Run(_context);
    }

    [Benchmark(Baseline = true)]
    public bool ByRecords() => MemberOrder.ByRecords(_context, _index);

    [Benchmark]
    public bool? ByBytes() => MemberOrder.ByBytes(_context, _index);
}
