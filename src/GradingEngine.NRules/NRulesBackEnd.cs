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
/// Grading inserts the subject's <see cref="GradingFact"/> into a session of the calling thread and fires it. Results are identical to <see cref="GradingBackEnd.Plan"/>'s; the plan is faster.
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
            RuleSet = SchemeRuleSet.Build(model, announceGraded: false);
            Factory = new RuleCompiler().Compile([RuleSet]);
        }

        public IRuleSet RuleSet { get; }

        public ISessionFactory Factory { get; }

        public override FrameEvaluator CreateEvaluator() => new NRulesEvaluator(this, trace: false);

        public override FrameEvaluator CreateTracingEvaluator() => new NRulesEvaluator(this, trace: true);
    }

    /// <summary>
    /// Sessions of one thread: each subject's fact is inserted and fired; nothing is retracted. A session is dropped
    /// after <see cref="SessionSize"/> subjects (a session that grows with the batch would slow every insert, and
    /// dropping costs less than retracting). A tracing evaluator records the rules that fired from NRules'
    /// rule-fired events, with the fact each matched.
    /// </summary>
    private sealed class NRulesEvaluator(NRulesEngine engine, bool trace) : FrameEvaluator
    {
        private const int SessionSize = 100;

        private readonly List<string>? _trace = trace ? [] : null;
        private ISession? _session;
        private int _subjects;

        public override IReadOnlyList<string> LastTrace => _trace ?? [];

        public override void Evaluate(FactFrame frame, bool withMessages = true)
        {
            if (_session is null || _subjects == SessionSize)
            {
                _session = NewSession();
                _subjects = 0;
            }

            _subjects++;
            _trace?.Clear();
            _session.Insert(new GradingFact(engine.Model, frame));
            _session.Fire();
        }

        private ISession NewSession()
        {
            var session = engine.Factory.CreateSession();
            if (_trace is { } list)
            {
                session.Events.RuleFiredEvent += (_, e) =>
                    list.Add($"{e.Rule.Name}（{e.Rule.Description}）← {string.Join("，", e.Facts.Select(f => f.Value?.ToString()))}");
            }

            return session;
        }
    }
}
