using BenchmarkDotNet.Attributes;
using GradingEngine.Benchmarks.Baseline;
using GradingEngine.BackEnds;
using GradingEngine.RuleModel;
using GradingEngine.Facts;
using GradingEngine.Grading;

namespace GradingEngine.Benchmarks;

/// <summary>Where the shipped schemes (<c>schemes/*.json</c>) are copied next to the benchmarks.</summary>
internal static class ShippedSchemes
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ShippedSchemes");

    public static SchemeCatalogue Load() => SchemeCatalogue.LoadFolder(Folder);
}

/// <summary>
/// One organisation graded with org-sanfenlei, per organisation over a batch of prepared organisations (the same random
/// organisations the baseline equality test checks): the hand-written C# baseline against the engine's compiled plan on
/// frames already bound (members graded, team values copied in: no parsing or binding), then the plan plus building the
/// public result with the explanation off and on.
/// </summary>
[MemoryDiagnoser]
public class OrganisationBaselineBenchmarks
{
    private const int Batch = 1_000;
    private const int Seed = 20_260_101;

    private readonly OrganisationResult _result = new();
    private GradingScheme _scheme = null!;
    private CheckedScheme _plan = null!;
    private FrameEvaluator _evaluator = null!;
    private FactFrame[] _frames = null!;
    private OrganisationInput[] _inputs = null!;
    private GradingEngine.Batch.Pipeline.SlotStore _memberStore = null!;
    private (long Start, int Count)[] _memberRange = null!;
    private FactFrame[][] _pool = null!;
    private int _membersSlot;
    private (double[] Numbers, bool[] Booleans)[] _snapshots = null!;
    private FactFrame _workerFrame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheme = ShippedSchemes.Load()["org-sanfenlei"];
        _plan = _scheme.Model;
        _evaluator = _scheme.Evaluator;
        var organisations = OrganisationSamples.Generate(Batch, Seed);
        _frames = new FactFrame[Batch];
        _inputs = new OrganisationInput[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var problems = new List<InputProblem>();
            _frames[i] = _scheme.TryEvaluate(organisations[i], string.Empty, problems)
                ?? throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
            var graded = _scheme.Grade(organisations[i], GradingOptions.WithoutExplanation);
            _inputs[i] = OrganisationSamples.ToBaselineInput(organisations[i], graded);

            // The yardstick must compute what the engine computes (the unit test checks this in full).
            OrganisationByHand.Grade(in _inputs[i], _result);
            if (_result.Total != graded.Total || _result.MeasureCount != graded.Measures.Count || _result.Level.ToString() != graded.Level?.Id)
            {
                throw new InvalidOperationException($"{graded.SubjectId}: the baseline disagrees with the engine.");
            }
        }

        // The batch's storage of members: only the slots the organisation scheme reads, kept compactly.
        var membersInput = _plan.Inputs.First(input => input.Id == "党员");
        _membersSlot = membersInput.Slot.Index;
        var reads = _plan.ChildReads[membersInput.Id]!;
        _memberStore = new GradingEngine.Batch.Pipeline.SlotStore(reads, reads);
        _memberRange = new (long, int)[Batch];
        var row = _memberStore.NewRow();
        var largest = 0;
        for (var i = 0; i < Batch; i++)
        {
            var members = _frames[i].Lists[_membersSlot];
            _memberRange[i] = (_memberStore.Count, members.Length);
            largest = Math.Max(largest, members.Length);
            foreach (var member in members)
            {
                _memberStore.Capture(member, row);
                _memberStore.Append(row);
            }
        }

        _snapshots = _frames.Select(f => ((double[])f.Numbers.Clone(), (bool[])f.Booleans.Clone())).ToArray();
        _workerFrame = _plan.Layout.NewFrame();
        var layout = membersInput.ChildLayout!;
        var frames = Enumerable.Range(0, largest).Select(_ => layout.NewFrame()).ToArray();
        _pool = Enumerable.Range(0, largest + 1).Select(n => frames[..n]).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "hand-written C#")]
    public double HandWritten()
    {
        var sum = 0.0;
        for (var i = 0; i < _inputs.Length; i++)
        {
            OrganisationByHand.Grade(in _inputs[i], _result);
            sum += _result.Total;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "hand-written C#, new result each")]
    public double HandWrittenNewResult()
    {
        var sum = 0.0;
        for (var i = 0; i < _inputs.Length; i++)
        {
            sum += OrganisationByHand.Grade(in _inputs[i]).Total;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "engine: compiled plan on bound frame")]
    public double EnginePlan()
    {
        var sum = 0.0;
        var total = _plan.Total.Index;
        for (var i = 0; i < _frames.Length; i++)
        {
            var frame = _frames[i];
            _evaluator.Evaluate(frame);
            sum += frame.Numbers[total];
        }

        return sum;
    }

    /// <summary>
    /// What the batch does per organisation: one frame per worker, reused for every organisation (the batch binds the
    /// organisation's cells into it; here its input values are copied in from a compact snapshot), the members' kept
    /// values (level, 自行脱党: the slots the scheme reads) restored into reused member frames, then the plan. This is
    /// the engine's counterpart of the baseline reading its input struct and a compact member array.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "engine: batch loop (reused frames) + plan")]
    public double EngineBatchLoop()
    {
        var sum = 0.0;
        var total = _plan.Total.Index;
        var frame = _workerFrame;
        for (var i = 0; i < _frames.Length; i++)
        {
            var (numbers, booleans) = _snapshots[i];
            numbers.CopyTo(frame.Numbers, 0);
            booleans.CopyTo(frame.Booleans, 0);
            var (start, count) = _memberRange[i];
            var members = _pool[count];
            for (var m = 0; m < count; m++)
            {
                _memberStore.Restore(start + m, members[m]);
            }

            frame.Lists[_membersSlot] = members;
            _evaluator.Evaluate(frame);
            sum += frame.Numbers[total];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "engine: plan + GradingResult, explanation off")]
    public double EnginePlanAndResult() => PlanAndResult(explain: false);

    [Benchmark(OperationsPerInvoke = Batch, Description = "engine: plan + GradingResult, explanation on")]
    public double EnginePlanAndExplainedResult() => PlanAndResult(explain: true);

    private double PlanAndResult(bool explain)
    {
        var sum = 0.0;
        for (var i = 0; i < _frames.Length; i++)
        {
            var frame = _frames[i];
            _evaluator.Evaluate(frame);
            sum += ResultBuilder.Build(_plan, frame, frame.SubjectId, explain).Total;
        }

        return sum;
    }
}
