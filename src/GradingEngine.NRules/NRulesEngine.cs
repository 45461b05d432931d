using GradingEngine.BackEnds;
using GradingEngine.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// A scheme made runnable by NRules: its rule set in the back end's shape compiled into a session factory at once;
/// the shape without measure texts (a batch's ranking pass) and the shape that runs every step in NRules (for
/// explanations) compiled when first asked for. Thread-safe; its evaluators are not.
/// </summary>
internal sealed class NRulesEngine : SchemeEngine
{
    private readonly Lazy<CompiledRules> _withoutMessages;
    private readonly Lazy<CompiledRules> _traced;

    public NRulesEngine(CheckedScheme model, NRulesBackEnd backEnd)
        : base(model, backEnd)
    {
        Rules = new CompiledRules(SchemeRuleSet.Build(model, RuleSetShape.BackEnd));
        _withoutMessages = new(() => new CompiledRules(SchemeRuleSet.Build(model, RuleSetShape.BackEndWithoutMessages)));
        _traced = new(() => new CompiledRules(SchemeRuleSet.Build(model, RuleSetShape.Traced)));
    }

    /// <summary>The back end's shape, with measure texts.</summary>
    public CompiledRules Rules { get; }

    /// <summary>The back end's shape without measure texts.</summary>
    public CompiledRules RulesWithoutMessages => _withoutMessages.Value;

    /// <summary>Every step in NRules, for explanations.</summary>
    public CompiledRules TracedRules => _traced.Value;

    public override FrameEvaluator CreateEvaluator() => new NRulesEvaluator(this);

    public override FrameEvaluator CreateTracingEvaluator() => new NRulesTracingEvaluator(this);
}
