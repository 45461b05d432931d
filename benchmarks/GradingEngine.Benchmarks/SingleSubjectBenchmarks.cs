using BenchmarkDotNet.Attributes;
using GradingEngine.Facts;
using GradingEngine.Grading;

namespace GradingEngine.Benchmarks;

/// <summary>
/// One subject of the example branch scheme: the compiled plan alone (the grading loop's own cost, on a bound frame),
/// and the public API with the explanation on and off (binding a dictionary, grading, building the result).
/// </summary>
[MemoryDiagnoser]
public class SingleSubjectBenchmarks
{
    private GradingScheme _scheme = null!;
    private Dictionary<string, object?> _input = null!;
    private FactFrame _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheme = GradingScheme.Load(Path.Combine(AppContext.BaseDirectory, "Schemes", "example-branch.json"));
        _input = new Dictionary<string, object?>
        {
            ["id"] = "B001",
            ["支委会次数"] = 7,
            ["党课次数"] = 3,
            ["书记空缺月数"] = 4,
            ["班子评价"] = new Dictionary<string, object?> { ["自评"] = 95, ["群众评"] = 88, ["领导评"] = 90 },
            ["党员"] = Enumerable.Range(0, 20)
                .Select(i => (object?)new Dictionary<string, object?> { ["等级"] = i % 7 == 0 ? "不合格" : "合格", ["处分"] = i == 3 })
                .ToList(),
        };
        _frame = _scheme.Model.Layout.NewFrame();
        var problems = new List<InputProblem>();
        if (_scheme.TryEvaluate(_input, string.Empty, problems) is not { } bound)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        _frame = bound;
    }

    [Benchmark(Description = "compiled plan only (bound frame)")]
    public double PlanOnly()
    {
        _scheme.Evaluator.Evaluate(_frame);
        return _frame.Numbers[_scheme.Model.Total.Index];
    }

    [Benchmark(Description = "Grade, explanation off")]
    public GradingResult GradeWithoutExplanation() => _scheme.Grade(_input, GradingOptions.WithoutExplanation);

    [Benchmark(Description = "Grade, explanation on")]
    public GradingResult GradeWithExplanation() => _scheme.Grade(_input);
}

/// <summary>Loading, checking and compiling a scheme.</summary>
[MemoryDiagnoser]
public class SchemeCompileBenchmarks
{
    private string _json = null!;

    [GlobalSetup]
    public void Setup() => _json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemes", "example-branch.json"));

    [Benchmark(Description = "load + check + compile example-branch")]
    public GradingScheme LoadAndCompile() => GradingScheme.Parse(_json, "example-branch.json");
}
