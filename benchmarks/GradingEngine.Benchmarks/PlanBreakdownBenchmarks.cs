using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using GradingEngine.Benchmarks.Baseline;
using GradingEngine.BackEnds;
using GradingEngine.RuleModel;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Grading;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Benchmarks;

/// <summary>
/// Where the compiled plan of org-sanfenlei spends its time, per organisation over the batch the baseline comparison
/// uses: the plan as shipped, then compiled from variants of the scheme's JSON (the engine unchanged) whose measures
/// quote policy constants as literal text, or are plain literal text; the latter also on one organisation graded over
/// and over (its members' frames stay in the cache) and on organisations without a member list (no aggregation over
/// members, no member results).
/// </summary>
[MemoryDiagnoser]
public partial class SanfenleiPlanBreakdownBenchmarks
{
    private const int Batch = 1_000;
    private const int Seed = 20_260_101;

    private GradingScheme _scheme = null!;
    private CheckedScheme _plan = null!;
    private FrameEvaluator _evaluator = null!;
    private FactFrame[] _frames = null!;

    [Params("as shipped", "constants folded into measures", "measures literal", "measures literal, one org 1000x", "measures literal, no member list")]
    public string Variant { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = ShippedSchemes.Load();
        var file = Path.Combine(ShippedSchemes.Folder, "org-sanfenlei.json");
        var json = JObject.Parse(File.ReadAllText(file));
        switch (Variant)
        {
            case "constants folded into measures":
                RewriteMeasures(json, template => FoldConstants(template, json));
                break;
            case var literal when literal.StartsWith("measures literal", StringComparison.Ordinal):
                RewriteMeasures(json, _ => "措施");
                break;
        }

        _scheme = GradingScheme.Parse(json.ToString(), file, catalogue.All.Where(s => s.Id != "org-sanfenlei"));
        _plan = _scheme.Model;
        _evaluator = _scheme.Evaluator;
        var organisations = OrganisationSamples.Generate(Batch, Seed);
        if (Variant.EndsWith("no member list", StringComparison.Ordinal))
        {
            organisations.ForEach(org => org.Remove("党员"));
        }

        _frames = new FactFrame[Batch];
        if (Variant.EndsWith("one org 1000x", StringComparison.Ordinal))
        {
            // The organisation with the batch's average number of members, every time.
            var average = organisations.Average(o => ((List<object?>)o["党员"]!).Count);
            Array.Fill(_frames, Bind(organisations.MinBy(o => Math.Abs(((List<object?>)o["党员"]!).Count - average))!));
        }
        else
        {
            for (var i = 0; i < Batch; i++)
            {
                _frames[i] = Bind(organisations[i]);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "compiled plan on bound frame")]
    public double Plan()
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

    [Benchmark(OperationsPerInvoke = Batch, Description = "plan + GradingResult, explanation off")]
    public double PlanAndResult()
    {
        var sum = 0.0;
        for (var i = 0; i < _frames.Length; i++)
        {
            var frame = _frames[i];
            _evaluator.Evaluate(frame);
            sum += ResultBuilder.Build(_plan, frame, frame.SubjectId, explain: false).Total;
        }

        return sum;
    }

    private FactFrame Bind(Dictionary<string, object?> organisation)
    {
        var problems = new List<InputProblem>();
        return _scheme.TryEvaluate(organisation, string.Empty, problems) ?? throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    private static void RewriteMeasures(JObject scheme, Func<string, string> rewrite)
    {
        foreach (var action in scheme["rules"]!.SelectMany(r => r["then"]!).OfType<JObject>())
        {
            if (action["measure"] is { } measure)
            {
                action["measure"] = rewrite((string)measure!);
            }
        }
    }

    /// <summary>
    /// <c>{扣分值}</c> where the value is a number literal, and <c>{round(底线 * 100)}</c> where it is a percentage literal,
    /// replaced by the text the engine would show: what constant folding in message templates would give.
    /// </summary>
    private static string FoldConstants(string template, JObject scheme)
    {
        var values = scheme["values"]!.ToDictionary(v => (string)v["id"]!, v => (string)v["expr"]!, StringComparer.Ordinal);
        return Placeholder().Replace(template, match =>
        {
            var inner = match.Groups[1].Value;
            if (values.TryGetValue(inner, out var expr) && double.TryParse(expr, CultureInfo.InvariantCulture, out var number))
            {
                return ValueFormatter.FormatNumber(number);
            }

            if (PercentTimesHundred().Match(inner) is { Success: true } round && values.TryGetValue(round.Groups[1].Value, out var percent) && percent.EndsWith('%'))
            {
                return ValueFormatter.FormatNumber(Math.Round(double.Parse(percent.TrimEnd('%'), CultureInfo.InvariantCulture)));
            }

            return match.Value;
        });
    }

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^round\((\w+) \* 100\)$")]
    private static partial Regex PercentTimesHundred();
}

/// <summary>The cost of one number quoted in a measure: the engine's formatting against what hand-written code does.</summary>
[MemoryDiagnoser]
public class MeasureNumberFormattingBenchmarks
{
    private double _five = 5;
    private double _total = 79.75;
    private int _count = 12;

    [Benchmark(Baseline = true, Description = "int.ToString (hand-written: a count)")]
    public string Integer() => _count.ToString(CultureInfo.InvariantCulture);

    [Benchmark(Description = "double.ToString(\"0.##\") (hand-written: a total)")]
    public string Total() => _total.ToString("0.##", CultureInfo.InvariantCulture);

    [Benchmark(Description = "ValueFormatter.FormatNumber(5) (engine: any number)")]
    public string EngineConstant() => ValueFormatter.FormatNumber(_five);

    [Benchmark(Description = "ValueFormatter.FormatNumber(79.75) (engine)")]
    public string EngineTotal() => ValueFormatter.FormatNumber(_total);
}
