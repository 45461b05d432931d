using BenchmarkDotNet.Attributes;
using GradingEngine.BackEnds;
using GradingEngine.Benchmarks.Baseline;
using GradingEngine.Facts;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.Benchmarks;

/// <summary>
/// A whole organisation (org-sanfenlei with its team, team-sihao, and its 3–50 members, member-wudai) per organisation
/// over 1,000 random organisations (<see cref="OrganisationSamples"/>), explanation off, one thread: the hand-written
/// C# (<see cref="WholeOrganisationByHand"/>: members, the quota 优秀比例, team, organisation, from typed rows) beside
/// every public path of the engine: typed rows graded as views (<c>GradeRows</c>), typed rows into results
/// (<c>GradeRow</c>), dictionaries graded as views (<c>GradeRows</c> over the dictionaries a caller fills from the typed
/// rows), dictionaries into results (<c>GradeMany</c>), and the engine's plans on frames already bound; beside them
/// what the caller's filling those dictionaries costs (<see cref="OrganisationDictionaries"/>), the yardstick of the
/// dictionary path. The set-up checks that every path gives the hand-written levels and totals.
/// </summary>
[MemoryDiagnoser]
public class OrganisationPublicPathBenchmarks
{
    private const int Batch = 1_000;
    private const int Seed = 20_260_101;

    private readonly WholeOrganisationResult _byHand = new();
    private GradingScheme _scheme = null!;
    private IReadOnlyDictionary<string, object?>[] _dictionaries = null!;
    private IReadOnlyDictionary<string, object?>[] _filled = null!;
    private OrganisationRow[] _rows = null!;
    private FactFrame[] _frames = null!;
    private BoundPlans _plans = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheme = ShippedSchemes.Load()["org-sanfenlei"];
        var organisations = OrganisationSamples.Generate(Batch, Seed);
        _dictionaries = [.. organisations];
        _rows = [.. organisations.Select(OrganisationRows.FromDictionary)];
        _filled = [.. _rows.Select(OrganisationDictionaries.Fill)];
        _frames = [.. organisations.Select(_scheme.Bind)];
        _plans = new BoundPlans(_scheme);

        // Every path must grade what the hand-written code grades (the unit tests check items, flags and measures too).
        var expected = _rows.Select(row =>
        {
            WholeOrganisationByHand.Grade(row, _byHand);
            return (_byHand.Organisation.Level.ToString(), _byHand.Organisation.Total);
        }).ToList();
        var typed = _scheme.GradeRows(_rows).Select(g => (g.Level!.Id, g.Total)).ToList();
        var results = _rows.Select(r => _scheme.GradeRow(r, GradingOptions.WithoutExplanation)).Select(r => (r.Level!.Id, r.Total)).ToList();
        var many = _scheme.GradeMany(_dictionaries, GradingOptions.WithoutExplanation).Select(r => (r.Level!.Id, r.Total)).ToList();
        var views = _scheme.GradeRows(_filled).Select(g => (g.Level!.Id, g.Total)).ToList();
        var sampleViews = _scheme.GradeRows(_dictionaries).Select(g => (g.Level!.Id, g.Total)).ToList();
        var plans = _frames.Select(f => (_scheme.Levels[(int)_plans.Grade(f)].Id, f.Numbers[_scheme.Model.Total.Index])).ToList();
        // What the hand-written code allocates is its measure texts: say how many, per organisation and per subject.
        int subjects = 0, texts = 0;
        foreach (var row in _rows)
        {
            WholeOrganisationByHand.Grade(row, _byHand);
            subjects += 2 + _byHand.MemberCount;
            texts += _byHand.Organisation.MeasureCount + _byHand.Team.MeasureCount + _byHand.Members.Take(_byHand.MemberCount).Sum(m => m.MeasureCount);
        }

        Console.WriteLine(System.FormattableString.Invariant(
            $"// {Batch} organisations, {subjects} subjects ({subjects / (double)Batch:F1} per organisation), {texts} measure texts ({texts / (double)Batch:F1} per organisation, {texts / (double)subjects:F2} per subject)"));
        if (!expected.SequenceEqual(typed) || !expected.SequenceEqual(results) || !expected.SequenceEqual(many) || !expected.SequenceEqual(plans)
            || !expected.SequenceEqual(views) || !expected.SequenceEqual(sampleViews))
        {
            throw new InvalidOperationException("A public path grades differently from the hand-written code.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "hand-written C#, whole organisation")]
    public double HandWritten()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            WholeOrganisationByHand.Grade(row, _byHand);
            sum += _byHand.Organisation.Total + (int)_byHand.Organisation.Level;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "GradeRows, typed rows (views)")]
    public double TypedRows()
    {
        var sum = 0.0;
        foreach (var graded in _scheme.GradeRows(_rows))
        {
            sum += graded.Total + (graded.Level?.Rank ?? -1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "GradeRow, typed rows (GradingResult, explanation off)")]
    public double TypedRowResults()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            var result = _scheme.GradeRow(row, GradingOptions.WithoutExplanation);
            sum += result.Total + (result.Level?.Rank ?? -1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "caller fills the dictionaries from typed rows (nothing graded)")]
    public double FillDictionaries()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            sum += OrganisationDictionaries.Fill(row).Count;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "GradeRows, dictionaries (views)")]
    public double DictionaryRows()
    {
        var sum = 0.0;
        foreach (var graded in _scheme.GradeRows(_filled))
        {
            sum += graded.Total + (graded.Level?.Rank ?? -1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "caller fills each organisation's dictionaries, GradeRows grades them (views)")]
    public double FillAndDictionaryRows()
    {
        var sum = 0.0;
        foreach (var graded in _scheme.GradeRows(_rows.Select(OrganisationDictionaries.Fill)))
        {
            sum += graded.Total + (graded.Level?.Rank ?? -1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "GradeMany, dictionaries (GradingResult, explanation off)")]
    public double Dictionaries()
    {
        var sum = 0.0;
        foreach (var result in _scheme.GradeMany(_dictionaries, GradingOptions.WithoutExplanation))
        {
            sum += result.Total + (result.Level?.Rank ?? -1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "engine plans on bound frames (members, quota, team, organisation)")]
    public double BoundFrames()
    {
        var sum = 0.0;
        var total = _scheme.Model.Total.Index;
        foreach (var frame in _frames)
        {
            sum += _plans.Grade(frame) + frame.Numbers[total];
        }

        return sum;
    }

    /// <summary>
    /// The engine's floor for a whole organisation: its frames already bound (inputs in slots, no parsing or binding),
    /// then what grading does after binding: each member's plan, the member quota (as the typed path applies it,
    /// allocating nothing), the team's plan and its values copied into the organisation's frame, the organisation's plan.
    /// </summary>
    private sealed class BoundPlans
    {
        private readonly CheckedScheme _org;
        private readonly GradingScheme _memberScheme;
        private readonly CheckedScheme _member;
        private readonly CheckedScheme _team;
        private readonly InputPlan _membersInput;
        private readonly InputPlan _teamInput;
        private readonly FrameEvaluator _orgEvaluator;
        private readonly FrameEvaluator _memberEvaluator;
        private readonly FrameEvaluator _teamEvaluator;
        private readonly List<FactFrame> _members = [];
        private readonly Grading.Typed.BindScope _scope = new();

        public BoundPlans(GradingScheme scheme)
        {
            _org = scheme.Model;
            _membersInput = _org.Inputs.First(i => i.Id == "党员");
            _teamInput = _org.Inputs.First(i => i.Id == "班子");
            _memberScheme = scheme.LinkedScheme(_membersInput.Linked!);
            var teamScheme = scheme.LinkedScheme(_teamInput.Linked!);
            _member = _memberScheme.Model;
            _team = teamScheme.Model;
            _orgEvaluator = scheme.Evaluator;
            _memberEvaluator = _memberScheme.Evaluator;
            _teamEvaluator = teamScheme.Evaluator;
        }

        /// <summary>Grades a bound organisation frame with its members and team; returns its level's ordinal.</summary>
        public double Grade(FactFrame frame)
        {
            var members = frame.Lists[_membersInput.Slot.Index];
            _members.Clear();
            foreach (var member in members)
            {
                member.Numbers[_member.ImposedCap.Index] = 0;
                _memberEvaluator.Evaluate(member);
                _members.Add(member);
            }

            Grading.Typed.RowQuotas.Apply(_memberScheme, _members, _scope);
            var team = frame.Lists[_teamInput.Slot.Index][0];
            _teamEvaluator.Evaluate(team);
            _teamInput.TakeLinked(frame, team);
            _orgEvaluator.Evaluate(frame);
            return frame.Numbers[_org.Level.Index];
        }
    }
}

/// <summary>
/// The same paths timed in interleaved rounds (one batch of 1,000 organisations each per round, in turn), for a
/// shared, loaded machine: each is timed by the CPU time of the benchmark's thread (<c>CLOCK_THREAD_CPUTIME_ID</c>, so
/// time spent waiting for a core does not count) and each round's ratio to the hand-written code is taken within the
/// round, so load that comes and goes hits every path alike; the medians over the rounds are printed.
/// <c>-- paired [rounds]</c> (Linux).
/// </summary>
internal static partial class OrganisationPublicPathPaired
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>The calling thread's CPU time in microseconds.</summary>
    private static double ThreadCpuMicroseconds()
    {
        const int ClockThreadCpuTime = 3;
        _ = ClockGetTime(ClockThreadCpuTime, out var t);
        return (t.Seconds * 1e6) + (t.Nanoseconds / 1e3);
    }

    public static void Run(TextWriter output, int rounds)
    {
        var bench = new OrganisationPublicPathBenchmarks();
        bench.Setup();
        (string Name, Func<double> Run)[] paths =
        [
            ("hand-written C#, whole organisation", bench.HandWritten),
            ("GradeRows, typed rows (views)", bench.TypedRows),
            ("GradeRow, typed rows (GradingResult, explanation off)", bench.TypedRowResults),
            ("caller fills the dictionaries (nothing graded)", bench.FillDictionaries),
            ("GradeRows, dictionaries (views)", bench.DictionaryRows),
            ("caller fills each organisation's dictionaries, GradeRows", bench.FillAndDictionaryRows),
            ("GradeMany, dictionaries (GradingResult, explanation off)", bench.Dictionaries),
            ("engine plans on bound frames", bench.BoundFrames),
        ];
        foreach (var (_, run) in paths)
        {
            for (var i = 0; i < 3; i++)
            {
                run(); // warm-up: JIT tiers, pools
            }
        }

        var times = paths.Select(_ => new List<double>()).ToArray();
        var fill = Array.FindIndex(paths, p => p.Run == bench.FillDictionaries);
        var views = Array.FindIndex(paths, p => p.Run == bench.DictionaryRows);
        var viewsToFill = new List<double>();
        var ratios = paths.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var perOrg = new double[paths.Length];
            for (var p = 0; p < paths.Length; p++)
            {
                var start = ThreadCpuMicroseconds();
                paths[p].Run();
                perOrg[p] = (ThreadCpuMicroseconds() - start) / 1_000;
                times[p].Add(perOrg[p]);
            }

            for (var p = 0; p < paths.Length; p++)
            {
                ratios[p].Add(perOrg[p] / perOrg[0]);
            }

            viewsToFill.Add(perOrg[views] / perOrg[fill]);
        }

        output.WriteLine(System.FormattableString.Invariant($"{rounds} interleaved rounds, thread CPU time per organisation (median; ratio = median of the rounds' ratios to the hand-written code):"));
        for (var p = 0; p < paths.Length; p++)
        {
            output.WriteLine(System.FormattableString.Invariant(
                $"  {paths[p].Name,-58} {Median(times[p]),8:F2} µs   ratio {Median(ratios[p]):F2} (quartiles {Quantile(ratios[p], 0.25):F2}–{Quantile(ratios[p], 0.75):F2})"));
        }

        output.WriteLine(System.FormattableString.Invariant(
            $"dictionary views against the caller's filling the dictionaries: median ratio {Median(viewsToFill):F2} (quartiles {Quantile(viewsToFill, 0.25):F2}–{Quantile(viewsToFill, 0.75):F2})"));
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var at = q * (sorted.Count - 1);
        var low = (int)Math.Floor(at);
        var high = (int)Math.Ceiling(at);
        return sorted[low] + ((sorted[high] - sorted[low]) * (at - low));
    }
}
