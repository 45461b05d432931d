using System.Runtime.CompilerServices;
using GradingEngine.BackEnds;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using NRules;
using NRules.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// The NRules back end: each scheme (and the schemes it links) becomes an NRules rule set built from the checked
/// rule model (see <see cref="RuleRepositoryExtensions.LoadScheme"/>), compiled once into a session factory.
/// Grading inserts the subject's <see cref="GradingFact"/> into a session of the calling thread, fires and retracts
/// it. Results are identical to <see cref="GradingBackEnd.Plan"/>'s; the plan is faster.
/// </summary>
public sealed class NRulesBackEnd : GradingBackEnd
{
    private readonly ConditionalWeakTable<CheckedScheme, NRulesEngine> _engines = [];

    private NRulesBackEnd()
    {
    }

    /// <summary>The NRules back end.</summary>
    public static NRulesBackEnd Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "nrules";

    internal override SchemeEngine Build(CheckedScheme model) => _engines.GetValue(model, m => new NRulesEngine(m, this));

    /// <summary>A scheme's rule set with those of every scheme it links, each once, linked schemes first.</summary>
    internal static IEnumerable<CheckedScheme> WithLinked(CheckedScheme model)
    {
        var seen = new List<CheckedScheme>();
        void Visit(CheckedScheme m)
        {
            if (seen.Contains(m))
            {
                return;
            }

            foreach (var input in m.Inputs)
            {
                if (input.Linked is { } linked)
                {
                    Visit(linked);
                }
            }

            seen.Add(m);
        }

        Visit(model);
        return seen;
    }

    private sealed class NRulesEngine : SchemeEngine
    {
        public NRulesEngine(CheckedScheme model, NRulesBackEnd backEnd)
            : base(model, backEnd)
        {
            RuleSet = SchemeRuleSet.Build(model);
            Factory = new RuleCompiler().Compile([RuleSet]);
        }

        public IRuleSet RuleSet { get; }

        public ISessionFactory Factory { get; }

        public override FrameEvaluator CreateEvaluator() => new NRulesEvaluator(this, trace: false);

        public override FrameEvaluator CreateTracingEvaluator() => new NRulesEvaluator(this, trace: true);
    }

    /// <summary>
    /// One session of one thread: a fact inserted, fired, retracted per subject. A tracing evaluator records the
    /// rules that fired from NRules' rule-fired events, with the subject each matched.
    /// </summary>
    private sealed class NRulesEvaluator : FrameEvaluator
    {
        private readonly ISession _session;
        private readonly GradingFact _fact;
        private readonly List<string>? _trace;

        public NRulesEvaluator(NRulesEngine engine, bool trace)
        {
            _session = engine.Factory.CreateSession();
            _fact = new GradingFact(engine.Model, engine.Model.Layout.NewFrame());
            if (trace)
            {
                _trace = [];
                _session.Events.RuleFiredEvent += (_, e) =>
                    _trace.Add($"{e.Rule.Name}（{e.Rule.Description}）← {string.Join("，", e.Facts.Select(f => f.Value?.ToString()))}");
            }
        }

        public override IReadOnlyList<string> LastTrace => _trace ?? [];

        public override void Evaluate(FactFrame frame, bool withMessages = true)
        {
            _trace?.Clear();
            _fact.Frame = frame;
            _fact.Stage = 0;
            _fact.IsGraded = false;
            _session.Insert(_fact);
            try
            {
                _session.Fire();
            }
            finally
            {
                _session.Retract(_fact);
            }
        }
    }
}
