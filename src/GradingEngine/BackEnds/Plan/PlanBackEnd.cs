using System.Runtime.CompilerServices;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using Linq = System.Linq.Expressions;

namespace GradingEngine.BackEnds.Plan;

/// <summary>
/// The compiled plan: the prologue and every step of a checked scheme, in evaluation order, inlined into one
/// <see cref="Action{FactFrame}"/> (and a second one without measure texts, for a batch's ranking pass and for views, compiled on first use).
/// </summary>
internal sealed class PlanBackEnd : GradingBackEnd
{
    private readonly ConditionalWeakTable<CheckedScheme, PlanEngine> _engines = [];

    private PlanBackEnd()
    {
    }

    public static PlanBackEnd Instance { get; } = new();

    public override string Name => "plan";

    internal override SchemeEngine Build(CheckedScheme model) => _engines.GetValue(model, m => new PlanEngine(m, this));

    /// <summary>Compiles the model into one delegate.</summary>
    internal static Action<FactFrame> Compile(CheckedScheme model, bool withoutMessages)
    {
        var frame = Linq.Expression.Parameter(typeof(FactFrame), "frame");
        var context = new StepContext(frame, model.Fused, withoutMessages);
        var statements = new List<Linq.Expression> { model.Prologue(context) };
        foreach (var step in model.Steps)
        {
            statements.Add(step.Emit(context));
        }

        statements.Add(Linq.Expression.Empty());
        var lambda = Linq.Expression.Lambda<Action<FactFrame>>(Linq.Expression.Block(statements), $"Grade_{model.Id}", [frame]);
        return lambda.Compile();
    }

    private sealed class PlanEngine : SchemeEngine
    {
        private readonly PlanEvaluator _evaluator;

        public PlanEngine(CheckedScheme model, PlanBackEnd backEnd)
            : base(model, backEnd)
        {
            var run = Compile(model, withoutMessages: false);
            _evaluator = new PlanEvaluator(run, () => Compile(model, withoutMessages: true));
        }

        public override bool IsShared => true;

        public override FrameEvaluator CreateEvaluator() => _evaluator;
    }

    /// <summary>
    /// Runs the plan; the plan without measure texts (a batch's ranking pass, typed and dictionary views) is compiled
    /// when first asked for (two threads asking at once may both compile it: either delegate is the same plan).
    /// </summary>
    private sealed class PlanEvaluator(Action<FactFrame> run, Func<Action<FactFrame>> compileWithoutMessages) : FrameEvaluator
    {
        private Action<FactFrame>? _runWithoutMessages;

        public override void Evaluate(FactFrame frame, bool withMessages = true) =>
            (withMessages ? run : _runWithoutMessages ??= compileWithoutMessages())(frame);
    }
}
