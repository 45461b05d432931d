using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GradingEngine.BackEnds;
using GradingEngine.Facts;
using GradingEngine.NRules;
using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;
using GradingEngine.Grading;
using NRules;

namespace GradingEngine.Benchmarks;

/// <summary>
/// member-wudai per member over 1,000 random members (<see cref="MemberSamples"/>): the scheme written by hand as NRules
/// Fluent rules (<c>Baseline/MemberWudaiFluent/</c>, sessions of 100 members on one compiled session factory), from typed
/// facts and from the engine's input rows, beside the engine's public path (<c>GradeMany</c>, explanation off). The set-up
/// first checks the rules equal to the engine (<see cref="MemberWudaiVerification"/>) and throws if they are not.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MemberNRulesBenchmarks
{
    /// <summary>The category the NRules back end's benchmark joins, so that one table holds all three.</summary>
    public const string PerThousandMembers = "member-wudai per 1,000 members";

    private const int Members = 1_000;
    private const int Seed = 20_260_101;

    private GradingScheme _scheme = null!;
    private IReadOnlyDictionary<string, object?>[] _rows = null!;
    private MemberFacts[] _facts = null!;
    private GradingScheme _nrules = null!;
    private FrameEvaluator _evaluator = null!;
    private FactFrame[] _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(MemberWudaiVerification.Verify());
        _scheme = GradingScheme.Load(MemberWudaiVerification.SchemePath);
        var members = MemberSamples.Generate(Members, Seed);
        _rows = members.Select(m => (IReadOnlyDictionary<string, object?>)m.Input).ToArray();
        _facts = members.Select(m => MemberInput.ToFacts(m.Input)).ToArray();
        _nrules = _scheme.WithBackEnd(NRulesBackEnd.Instance);
        _evaluator = _nrules.Evaluator;
        _frames = _rows.Select(_nrules.Bind).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Members, Description = "NRules Fluent by hand, typed facts")]
    [BenchmarkCategory(PerThousandMembers)]
    public double FluentByHand() => Sum(MemberWudaiFluent.Grade(_facts));

    [Benchmark(OperationsPerInvoke = Members, Description = "NRules Fluent by hand, from input rows")]
    [BenchmarkCategory(PerThousandMembers)]
    public double FluentByHandFromRows()
    {
        var facts = new MemberFacts[_rows.Length];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = MemberInput.ToFacts(_rows[i]);
        }

        return Sum(MemberWudaiFluent.Grade(facts));
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "engine: GradeMany, explanation off")]
    [BenchmarkCategory(PerThousandMembers)]
    public double Engine()
    {
        var sum = 0.0;
        foreach (var result in _scheme.GradeMany(_rows, GradingOptions.WithoutExplanation))
        {
            sum += result.Total;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "engine: GradeRows, typed rows (views)")]
    [BenchmarkCategory(PerThousandMembers)]
    public double EngineTypedRows()
    {
        var sum = 0.0;
        foreach (var graded in _scheme.GradeRows(_facts))
        {
            sum += graded.Total;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "engine: GradeRow, typed rows (results, explanation off)")]
    [BenchmarkCategory(PerThousandMembers)]
    public double EngineTypedRowResults()
    {
        var sum = 0.0;
        foreach (var fact in _facts)
        {
            sum += _scheme.GradeRow(fact, GradingOptions.WithoutExplanation).Total;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "engine: plan on bound members")]
    [BenchmarkCategory(PerThousandMembers)]
    public double EnginePlanOnly()
    {
        var sum = 0.0;
        var total = _scheme.Model.Total.Index;
        var evaluator = _scheme.Evaluator;
        foreach (var frame in _frames)
        {
            evaluator.Evaluate(frame);
            sum += frame.Numbers[total];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "NRules back end (generated), bound members")]
    [BenchmarkCategory(PerThousandMembers)]
    public double GeneratedNRules()
    {
        var sum = 0.0;
        var total = _nrules.Model.Total.Index;
        foreach (var frame in _frames)
        {
            _evaluator.Evaluate(frame);
            sum += frame.Numbers[total];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "NRules back end (generated), bound members, EvaluateMany")]
    [BenchmarkCategory(PerThousandMembers)]
    public double GeneratedNRulesMany()
    {
        _evaluator.EvaluateMany(_frames);
        var sum = 0.0;
        var total = _nrules.Model.Total.Index;
        foreach (var frame in _frames)
        {
            sum += frame.Numbers[total];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Members, Description = "NRules back end (generated): GradeMany, explanation off")]
    [BenchmarkCategory(PerThousandMembers)]
    public double GeneratedNRulesFromRows()
    {
        var sum = 0.0;
        foreach (var result in _nrules.GradeMany(_rows, GradingOptions.WithoutExplanation))
        {
            sum += result.Total;
        }

        return sum;
    }

    private static double Sum(MemberGrade[] grades)
    {
        var sum = 0.0;
        foreach (var grade in grades)
        {
            sum += grade.Total;
        }

        return sum;
    }
}

/// <summary>
/// Building the hand-written rules' session factory: a new repository loads the 20 rule classes (each one's
/// <c>Define</c> runs) and compiles them (the Rete network, every condition and action compiled to a delegate). Cold-ish:
/// NRules' own code is jitted after the first iteration, the rules' expressions are compiled anew each time.
/// </summary>
[MemoryDiagnoser]
public class MemberNRulesFactoryBenchmarks
{
    [Benchmark(Description = "RuleRepository.Load + Compile (member-wudai Fluent)")]
    public ISessionFactory CompileFactory() => MemberWudaiFluent.CompileFactory();
}
