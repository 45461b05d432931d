using System.Text;

namespace GradingEngine.Grading;

/// <summary>
/// Why a subject got its result: each rule that fired with what it did and the values it read, and why the level
/// is what it is, including what the subject lacked for the next level up. Immutable.
/// </summary>
public sealed class GradingExplanation
{
    internal GradingExplanation(IReadOnlyList<FiredRule> firedRules, LevelExplanation level, IReadOnlyList<ValueReading> values, IReadOnlyList<string> linked)
    {
        Linked = linked;
        FiredRules = firedRules;
        Level = level;
        Values = values;
    }

    /// <summary>
    /// One line per linked input: what the linked subjects were graded (e.g. the members' levels counted), the first
    /// link of the chain from member results to the organisation's score.
    /// </summary>
    public IReadOnlyList<string> Linked { get; }

    /// <summary>The rules, gates and vetoes that fired, in the order they ran.</summary>
    public IReadOnlyList<FiredRule> FiredRules { get; }

    /// <summary>Why the level is what it is.</summary>
    public LevelExplanation Level { get; }

    /// <summary>The scheme's computed values and ratings for this subject (policy constants, which read nothing, are left out).</summary>
    public IReadOnlyList<ValueReading> Values { get; }

    /// <summary>
    /// The rules of the back end's own rule set that fired for this subject, in order, when the back end keeps such a
    /// trace (the NRules back end, from NRules' rule-fired events: scheme rules and the stage rules that compute values,
    /// items and the level); empty for the plan. Everything else in the explanation is the same on every back end.
    /// </summary>
    public IReadOnlyList<string> EngineRules { get; internal set; } = [];

    /// <summary>The explanation as Chinese text a secretary can follow.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine("【评定结论】" + Level.Summary);
        foreach (var reason in Level.Reasons)
        {
            text.AppendLine("  · " + reason);
        }

        if (Linked.Count > 0)
        {
            text.AppendLine("【关联评定】");
            foreach (var line in Linked)
            {
                text.AppendLine("  · " + line);
            }
        }

        if (Values.Count > 0)
        {
            text.AppendLine("【计算值】" + string.Join("，", Values.Select(v => $"{v.Label} = {v.Value}")));
        }

        if (Level.ShortOfNextLevel.Count > 0)
        {
            text.AppendLine("【距上一等级】");
            foreach (var reason in Level.ShortOfNextLevel)
            {
                text.AppendLine("  · " + reason);
            }
        }

        if (FiredRules.Count > 0)
        {
            text.AppendLine("【触发的规则】");
            foreach (var rule in FiredRules)
            {
                text.AppendLine("  · " + rule.Description);
                foreach (var effect in rule.Effects)
                {
                    text.AppendLine("      " + effect.Text);
                }

                if (rule.Read.Count > 0)
                {
                    text.AppendLine("      依据：" + string.Join("，", rule.Read.Select(r => $"{r.Label} = {r.Value}")));
                }
            }
        }

        if (EngineRules.Count > 0)
        {
            text.AppendLine("【规则引擎（NRules）触发顺序】");
            foreach (var rule in EngineRules)
            {
                text.AppendLine("  · " + rule);
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}

/// <summary>What kind of declaration a fired rule came from.</summary>
public enum RuleKind
{
    /// <summary>A rule of the scheme's <c>rules</c>.</summary>
    Rule,
    /// <summary>A gate (<c>gates</c>): caps the level.</summary>
    Gate,
    /// <summary>A veto (一票否决, <c>vetoes</c>): forces a level.</summary>
    Veto,
}

/// <summary>A rule that fired.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Description">Its Chinese description (the id when it has none).</param>
/// <param name="Kind">Rule, gate or veto.</param>
/// <param name="Salience">Its priority.</param>
/// <param name="Condition">The <c>when</c> expression as written, if any.</param>
/// <param name="Effects">What it did.</param>
/// <param name="Read">The values it read, as they were when it ran.</param>
public sealed record FiredRule(
    string RuleId,
    string Description,
    RuleKind Kind,
    int Salience,
    string? Condition,
    IReadOnlyList<RuleEffect> Effects,
    IReadOnlyList<ValueReading> Read);

/// <summary>What a fired rule did.</summary>
/// <param name="Kind">The action: award, deduct, set, flag, force, cap, withholdLevel or measure.</param>
/// <param name="TargetId">The item, value, flag or level acted on, if any.</param>
/// <param name="Points">Points awarded or deducted, for award and deduct.</param>
/// <param name="Text">A Chinese sentence describing the effect.</param>
public sealed record RuleEffect(string Kind, string? TargetId, double? Points, string Text);

/// <summary>A named value and how it reads.</summary>
/// <param name="Name">The id.</param>
/// <param name="Label">The Chinese label.</param>
/// <param name="Value">The value, formatted for display.</param>
public sealed record ValueReading(string Name, string Label, string Value);

/// <summary>How the level was decided.</summary>
public enum LevelDecision
{
    /// <summary>By score thresholds and level conditions alone.</summary>
    Threshold,
    /// <summary>A gate capped the level below what the score gave.</summary>
    Gate,
    /// <summary>A veto forced the level.</summary>
    Veto,
    /// <summary>The scheme withheld a level for this subject.</summary>
    Withheld,
    /// <summary>A batch quota (名额) moved the subject below the level its score gave.</summary>
    Quota,
}

/// <summary>Why the level is what it is.</summary>
/// <param name="Decision">What decided it.</param>
/// <param name="Summary">One Chinese sentence, e.g. 总分 85 分，达到“较好”（≥ 80 分）.</param>
/// <param name="Reasons">The thresholds, gates and vetoes that applied.</param>
/// <param name="ShortOfNextLevel">What the subject lacked for the next level up; empty at the top level.</param>
public sealed record LevelExplanation(LevelDecision Decision, string Summary, IReadOnlyList<string> Reasons, IReadOnlyList<string> ShortOfNextLevel);
