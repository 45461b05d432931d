using System.Runtime.CompilerServices;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using Linq = System.Linq.Expressions;

namespace GradingEngine.BackEnds.Plan;

/// <summary>
/// The compiled plan: the prologue and every step of a checked scheme, in evaluation order, inlined into one
/// <see cref="Action{FactFrame}"/> (and a second one without measure texts, for a batch's ranking pass and for views), compiled on
/// the thread pool (<see cref="PlanEvaluator"/>).
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

    private sealed class PlanEngine(CheckedScheme model, PlanBackEnd backEnd) : SchemeEngine(model, backEnd)
    {
        private readonly PlanEvaluator _evaluator = new(model);

        public override bool IsShared => true;

        public override FrameEvaluator CreateEvaluator() => _evaluator;

        public override Task Prepare(bool withMessages) => _evaluator.Compiling(withMessages);
    }

    /// <summary>
    /// Runs the plan. The plan with measure texts starts compiling on the thread pool the moment the engine is made, so
    /// that loading a catalogue checks the next scheme meanwhile; the plan without them (a batch's ranking pass, rows
    /// without measures, typed and dictionary views) when first asked for, or told to (<see cref="SchemeEngine.Prepare"/>).
    /// Each plan is compiled once, by whichever thread gets to it first: one that evaluates before the pool has started
    /// the compile does it itself, so evaluating never waits for a free pool thread. A compile that failed throws its
    /// exception on every evaluation.
    /// </summary>
    private sealed class PlanEvaluator : FrameEvaluator
    {
        private readonly Lazy<Action<FactFrame>> _withMessages;
        private readonly Lazy<Action<FactFrame>> _withoutMessages;
        private Action<FactFrame>? _run;
        private Action<FactFrame>? _runWithoutMessages;

        public PlanEvaluator(CheckedScheme model)
        {
            _withMessages = new(() => Compile(model, withoutMessages: false), LazyThreadSafetyMode.ExecutionAndPublication);
            _withoutMessages = new(() => Compile(model, withoutMessages: true), LazyThreadSafetyMode.ExecutionAndPublication);
            _ = Compiling(withMessages: true);
        }

        public override void Evaluate(FactFrame frame, bool withMessages = true) =>
            (withMessages ? _run ??= _withMessages.Value : _runWithoutMessages ??= _withoutMessages.Value)(frame);

        /// <summary>The plan compiled one way: started on the thread pool unless done; completes when it is.</summary>
        public Task Compiling(bool withMessages)
        {
            var plan = withMessages ? _withMessages : _withoutMessages;
            return plan.IsValueCreated ? Task.CompletedTask : Task.Run(() => _ = plan.Value);
        }
    }
}
