using GradingEngine.Facts;
using NRules.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// A scheme's NRules rule set in one shape (<see cref="RuleSetShape"/>), with what runs beside it: the prepare step
/// (stage 0) when the shape computes it outside NRules, and the stage the subject's fact is inserted at. Immutable.
/// </summary>
internal sealed class SchemeRules
{
    /// <summary>The rules, named by the scheme's id.</summary>
    public required IRuleSet RuleSet { get; init; }

    /// <summary>
    /// Stage 0, compiled from the rule model, run on the frame before its fact is inserted (the prologue, the rules'
    /// fired marks reset, linked subjects copied, and the steps that depend only on inputs); null when a rule does it.
    /// </summary>
    public Action<FactFrame>? Prepare { get; init; }

    /// <summary>The stage a new subject's fact is at when inserted (the rules of that stage match the fact itself).</summary>
    public int FirstStage { get; init; }

    /// <summary>Whether the rule set marks the fact graded; when not, whoever fires the session does.</summary>
    public bool MarksGraded { get; init; }
}
