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
    /// Runs the plan. The plan with measure texts is compiled on the thread pool from the moment the engine is made, so
    /// that loading a catalogue checks the next scheme meanwhile; the plan without them (a batch's ranking pass, rows
    /// without measures, typed and dictionary views) when first asked for, or told to (<see cref="SchemeEngine.Prepare"/>). A thread
    /// that evaluates before its plan is ready waits for it; each plan is compiled once, and a compile that failed
    /// throws its exception on every evaluation.
    /// </summary>
    private sealed class PlanEvaluator : FrameEvaluator
    {
        private readonly CheckedScheme _model;
        private readonly Task<Action<FactFrame>>?[] _compiling = new Task<Action<FactFrame>>?[2]; // [0] without messages, [1] with
        private Action<FactFrame>? _run;
        private Action<FactFrame>? _runWithoutMessages;

        public PlanEvaluator(CheckedScheme model)
        {
            _model = model;
            Compiling(withMessages: true);
        }

        public override void Evaluate(FactFrame frame, bool withMessages = true) =>
            (withMessages
                ? _run ??= Compiling(true).GetAwaiter().GetResult()
                : _runWithoutMessages ??= Compiling(false).GetAwaiter().GetResult())(frame);

        /// <summary>The plan's compilation one way, started on the thread pool by the first to ask.</summary>
        public Task<Action<FactFrame>> Compiling(bool withMessages)
        {
            var way = withMessages ? 1 : 0;
            if (Volatile.Read(ref _compiling[way]) is { } started)
            {
                return started;
            }

            var task = new Task<Action<FactFrame>>(() => Compile(_model, withoutMessages: !withMessages));
            if (Interlocked.CompareExchange(ref _compiling[way], task, null) is { } other)
            {
                return other;
            }

            task.Start(TaskScheduler.Default);
            return task;
        }
    }
}
