using GradingEngine.BackEnds;
using GradingEngine.Facts;
using NRules;

namespace GradingEngine.NRules;

/// <summary>
/// The NRules evaluator of one thread: each frame is prepared (stage 0, compiled from the rule model), its fact inserted
/// into a session of the back end's rule set and the session fired. Frames evaluated without measure texts go to a
/// session of the rule set without them. No events are subscribed.
/// </summary>
internal sealed class NRulesEvaluator(NRulesEngine engine) : FrameEvaluator
{
    private readonly SchemeSession _withMessages = new(engine.Model, engine.Rules);
    private SchemeSession? _withoutMessages;

    public override void Evaluate(FactFrame frame, bool withMessages = true)
    {
        var session = withMessages ? _withMessages : _withoutMessages ??= new(engine.Model, engine.RulesWithoutMessages);
        session.Grade(frame);
    }

    public override int PreferredBatch => SchemeSession.SessionSize;

    public override void EvaluateMany(ReadOnlySpan<FactFrame> frames, bool withMessages = true)
    {
        var session = withMessages ? _withMessages : _withoutMessages ??= new(engine.Model, engine.RulesWithoutMessages);
        session.GradeMany(frames);
    }
}

/// <summary>
/// An evaluator that explains: every step runs in NRules (the traced shape) and the rules that fired are recorded from
/// NRules' rule-fired events, with the facts each matched.
/// </summary>
internal sealed class NRulesTracingEvaluator : FrameEvaluator
{
    private readonly List<string> _trace = [];
    private readonly SchemeSession _session;

    public NRulesTracingEvaluator(NRulesEngine engine)
    {
        _session = new SchemeSession(engine.Model, engine.TracedRules, session =>
            session.Events.RuleFiredEvent += (_, e) =>
                _trace.Add($"{e.Rule.Name}（{e.Rule.Description}）← {string.Join("，", e.Facts.Select(f => f.Value?.ToString()))}"));
    }

    public override IReadOnlyList<string> LastTrace => _trace;

    public override void Evaluate(FactFrame frame, bool withMessages = true)
    {
        _trace.Clear();
        _session.Grade(frame);
    }
}
