using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GradingEngine.Batch;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// The whole pipeline from CSV files to written outputs at 1/100 and 1/10 of a province, next to its I/O floor (the
/// same files read and parsed, the same outputs written, no grading). Full scale: <c>-- province</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ProvinceBenchmarks
{
    private ProvinceGrader _grader = null!;
    private ProvinceFiles _files = null!;
    private string _folder = null!;
    private string _output = null!;
    private string _floorOutput = null!;

    [Params(3_000, 30_000)]
    public int Organisations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _grader = new ProvinceGrader(ProvinceData.Organisation);
        _folder = ProvinceData.Folder(Organisations);
        _files = ProvinceFiles.InFolder(_folder);
        _output = Path.Combine(ProvinceData.CacheRoot, $"results-{Organisations}");
        _floorOutput = Path.Combine(ProvinceData.CacheRoot, $"floor-{Organisations}");
        _grader.Grade(_files, _output); // the floor copies these outputs
    }

    [Benchmark(Baseline = true, Description = "I/O floor: read + parse + write, no grading")]
    public long IoFloorOnly() => IoFloor.Run(_folder, _output, _floorOutput, Environment.ProcessorCount);

    [Benchmark(Description = "grade the province, files to outputs")]
    public long Grade() => _grader.Grade(_files, _output).Files.Sum(f => f.Graded);
}
