using BenchmarkDotNet.Attributes;
using GradingEngine.BackEnds;
using GradingEngine.Facts;
using GradingEngine.Grading;
using GradingEngine.NRules;

namespace GradingEngine.Benchmarks;

/// <summary>
/// The two back ends side by side on the shipped schemes: one bound subject graded by the plan's delegate and by the
/// NRules rule set (a session per thread: insert, fire, retract), and the cost of building the NRules session factory
/// for org-sanfenlei with the schemes it links. The subject is the first golden case's input of each scheme.
/// </summary>
[MemoryDiagnoser]
public class BackEndBenchmarks
{
    private FactFrame _frame = null!;
    private FrameEvaluator _plan = null!;
    private FrameEvaluator _nrules = null!;
    private GradingScheme _scheme = null!;

    [Params("member-wudai", "team-sihao", "org-sanfenlei")]
    public string Scheme { get; set; } = "member-wudai";

    [GlobalSetup]
    public void Setup()
    {
        _scheme = ShippedSchemes.Load()[Scheme];
        var cases = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ShippedSchemes", "cases", Scheme + ".cases.json")));
        var input = (Newtonsoft.Json.Linq.JObject)cases["baseInput"]!.DeepClone();
        _frame = _scheme.Bind(SubjectBinder.FromJson(input));
        _plan = _scheme.Evaluator;
        _nrules = _scheme.WithBackEnd(NRulesBackEnd.Instance).Evaluator;
    }

    [Benchmark(Baseline = true, Description = "plan: one subject")]
    public double Plan()
    {
        _plan.Evaluate(_frame);
        return _frame.Numbers[0];
    }

    [Benchmark(Description = "NRules: one subject")]
    public double NRules()
    {
        _nrules.Evaluate(_frame);
        return _frame.Numbers[0];
    }
}

/// <summary>Building the NRules session factory of org-sanfenlei and the schemes it links, from their rule models.</summary>
[MemoryDiagnoser]
public class NRulesFactoryBenchmarks
{
    private GradingScheme _scheme = null!;

    [GlobalSetup]
    public void Setup() => _scheme = ShippedSchemes.Load()["org-sanfenlei"];

    [Benchmark(Description = "org-sanfenlei + linked: rule sets and session factory")]
    public object Build() => global::NRules.RuleRepositoryExtensions.Compile(new global::NRules.Fluent.RuleRepository().LoadScheme(_scheme));
}
