using BenchmarkDotNet.Attributes;
using GradingEngine.Benchmarks.Baseline;
using GradingEngine.Grading;

namespace GradingEngine.Benchmarks;

/// <summary>
/// Loading, checking and compiling each shipped scheme from its JSON text, with the schemes it links or extends already
/// compiled (as <see cref="SchemeCatalogue.LoadFolder"/> gives them). Target for org-sanfenlei: under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class ShippedSchemeCompileBenchmarks
{
    private string _json = null!;
    private string _file = null!;
    private GradingScheme[] _references = null!;

    [Params("member-wudai", "team-sihao", "team-sihao-soe", "org-sanfenlei", "org-fenlei-dingji")]
    public string Scheme { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(ShippedSchemes.Folder, Scheme + ".json");
        _json = File.ReadAllText(_file);
        _references = ShippedSchemes.Load().All.Where(s => s.Id != Scheme).ToArray();
    }

    [Benchmark(Description = "load + check + compile")]
    public GradingScheme LoadCheckCompile()
    {
        var scheme = GradingScheme.Parse(_json, _file, _references);
        scheme.Engine.Prepare(withMessages: true).GetAwaiter().GetResult(); // the plan compiles on the thread pool
        return scheme;
    }
}

/// <summary>Loading the whole shipped folder the way the product does: read, check and compile all five schemes in dependency order.</summary>
[MemoryDiagnoser]
public class ShippedFolderLoadBenchmarks
{
    [Benchmark(Description = "SchemeCatalogue.LoadFolder(schemes)")]
    public SchemeCatalogue LoadFolder()
    {
        var catalogue = ShippedSchemes.Load();
        foreach (var scheme in catalogue.All)
        {
            scheme.Engine.Prepare(withMessages: true).GetAwaiter().GetResult(); // the plans compile on the thread pool
        }

        return catalogue;
    }
}

/// <summary>
/// Grading one subject through the public API (binding the input dictionary, grading, building the result) with the
/// explanation on and off: a member (member-wudai), a team (team-sihao), and an organisation (org-sanfenlei) of 22
/// members, the national average, with its team, all graded in the one call.
/// </summary>
[MemoryDiagnoser]
public class ShippedSchemeGradeBenchmarks
{
    private const int Seed = 20_260_101;
    private const int Members = 22;

    private GradingScheme _scheme = null!;
    private Dictionary<string, object?> _input = null!;

    [Params("member-wudai", "team-sihao", "org-sanfenlei")]
    public string Scheme { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheme = ShippedSchemes.Load()[Scheme];
        var random = new Random(Seed);
        Dictionary<string, object?> org;
        var index = 0;
        do
        {
            org = OrganisationSamples.Organisation(random, index++);
        }
        while (((List<object?>)org["党员"]!).Count != Members);

        _input = Scheme switch
        {
            "member-wudai" => (Dictionary<string, object?>)((List<object?>)org["党员"]!)[0]!,
            "team-sihao" => (Dictionary<string, object?>)org["班子"]!,
            _ => org,
        };
    }

    [Benchmark(Description = "Grade, explanation off")]
    public GradingResult GradeWithoutExplanation() => _scheme.Grade(_input, GradingOptions.WithoutExplanation);

    [Benchmark(Description = "Grade, explanation on")]
    public GradingResult GradeWithExplanation() => _scheme.Grade(_input);
}
