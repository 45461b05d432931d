using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Schemes;

namespace GradingEngine.RuleModel;

/// <summary>
/// A scheme checked and bound: every name typed and given a slot of the frame layout, every expression a checked
/// tree, the items, levels, rules and batch rules with their metadata, and the evaluation steps in dependency order.
/// This is the rule model every back end compiles from (the plan, NRules) and the runtime reads results with; it
/// never changes once built and is safe to share between threads.
/// </summary>
internal sealed class CheckedScheme
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The days this version is in force.</summary>
    public EffectivePeriod Effective { get; init; }
    public required SubjectKind Subject { get; init; }
    public string? Description { get; init; }
    public required FactLayout Layout { get; init; }
    /// <summary>The scheme's names; a scheme that links this one sees them inside its aggregations.</summary>
    public required IRecordShape Scope { get; init; }
    /// <summary>Every step (ratings, values, items, total, level, rules) in evaluation order.</summary>
    public required IReadOnlyList<EvaluationStep> Steps { get; init; }
    /// <summary>Resets a frame's per-subject state before the steps run (see <see cref="StepContext"/>).</summary>
    public required Func<StepContext, System.Linq.Expressions.Expression> Prologue { get; init; }
    /// <summary>Aggregations over one list computed in one loop by the prologue, when a back end fuses them; null if none.</summary>
    public IReadOnlyDictionary<Expressions.Binding.BoundAggregate, Slot>? Fused { get; init; }
    /// <summary>Whether a batch ranks subjects before grading them for good (quotas, bottom rankings).</summary>
    public bool HasBatchRules => Quotas.Count > 0 || BottomRankings.Count > 0;
    public required IReadOnlyList<InputPlan> Inputs { get; init; }
    public required IReadOnlyList<ItemPlan> Items { get; init; }
    public required IReadOnlyList<LevelPlan> Levels { get; init; }
    public required IReadOnlyList<RulePlan> Rules { get; init; }
    public required IReadOnlyList<FlagPlan> Flags { get; init; }
    public required IReadOnlyList<ValuePlan> Values { get; init; }
    public required Slot Total { get; init; }
    /// <summary>Ordinal of the final level; -1 when withheld.</summary>
    public required Slot Level { get; init; }
    /// <summary>Ordinal of the level the score and level conditions alone give.</summary>
    public required Slot ScoreLevel { get; init; }
    /// <summary>Ordinal of the worst forced level, -1 if none.</summary>
    public required Slot Forced { get; init; }
    /// <summary>Ordinal of the most restrictive cap, 0 (the top level) if none.</summary>
    public required Slot Cap { get; init; }
    public required Slot Withheld { get; init; }
    /// <summary>
    /// A cap imposed from outside before the plan runs (a batch quota): the ordinal of the best level allowed,
    /// 0 for none. Read into <see cref="Cap"/> when the plan starts.
    /// </summary>
    public required Slot ImposedCap { get; init; }
    /// <summary>
    /// Per list input: the slots of each child the scheme's aggregations read, or null when the list is aggregated
    /// more deeply (a child's own lists). A batch keeps only these values of every graded child.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<Slot>?> ChildReads { get; init; }
    /// <summary>Batch-level limits on a level within a group (名额).</summary>
    public IReadOnlyList<QuotaPlan> Quotas { get; init; } = [];
    /// <summary>Batch-level bottom rankings (末位排名).</summary>
    public IReadOnlyList<BottomRankingPlan> BottomRankings { get; init; } = [];
    public required int Precision { get; init; }
    /// <summary>Step names in evaluation order, for tests and diagnostics.</summary>
    public IReadOnlyList<string> EvaluationOrder => Steps.Select(s => s.Name).ToList();
    /// <summary>Indexes into <see cref="Rules"/> in the order the rules run.</summary>
    public required IReadOnlyList<int> RuleRunOrder { get; init; }
}

/// <summary>How one declared input is stored; lists carry their children's inputs and layout.</summary>
internal sealed class InputPlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Unit { get; init; }
    public required InputType Type { get; init; }
    public required ExprType ExprType { get; init; }
    public required Slot Slot { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public bool Required { get; init; }
    /// <summary>The default, already converted to its stored form (double, bool or string).</summary>
    public object? Default { get; init; }
    public IReadOnlyList<string> EnumValues { get; init; } = [];
    public IReadOnlyList<InputPlan> Fields { get; init; } = [];
    public FactLayout? ChildLayout { get; init; }
    /// <summary>For a linked list or subject: the scheme that grades each child.</summary>
    public CheckedScheme? Linked { get; init; }
    /// <summary>For a linked subject: its values copied into this frame (from the child's slot to ours).</summary>
    public IReadOnlyList<(Slot From, Slot To)> Copies { get; init; } = [];
    /// <summary>For a rater score: the rating it belongs to (the input id is "rating.rater").</summary>
    public string? RatingId { get; init; }
    public string? RaterId { get; init; }
    public string DisplayName => Label ?? Id;

    /// <summary>A linked subject graded: its values copied into the parent's slots, and kept as the parent's child.</summary>
    public void TakeLinked(FactFrame parent, FactFrame child)
    {
        foreach (var (from, to) in Copies)
        {
            switch (to.Kind)
            {
                case StorageKind.Number:
                    parent.Numbers[to.Index] = child.Numbers[from.Index];
                    break;
                case StorageKind.Boolean:
                    parent.Booleans[to.Index] = child.Booleans[from.Index];
                    break;
                case StorageKind.Text:
                    parent.Texts[to.Index] = child.Texts[from.Index];
                    break;
            }
        }
    }

    /// <summary>
    /// An optional linked subject that was not given reads as zero, false and empty text, with no level: never as what
    /// the frame held for the previous subject.
    /// </summary>
    public void ClearLinked(FactFrame parent)
    {
        parent.Lists[Slot.Index] = [];
        var level = Linked!.Level;
        foreach (var (from, to) in Copies)
        {
            switch (to.Kind)
            {
                case StorageKind.Number:
                    parent.Numbers[to.Index] = from == level ? -1 : 0;
                    break;
                case StorageKind.Boolean:
                    parent.Booleans[to.Index] = false;
                    break;
                case StorageKind.Text:
                    parent.Texts[to.Index] = string.Empty;
                    break;
            }
        }
    }
}

internal sealed class ItemPlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public required double FullPoints { get; init; }
    public required Slot Score { get; init; }
    public required Slot Adjustment { get; init; }
    public required int Parent { get; init; }
    public required int Depth { get; init; }
    public required ItemStyle Style { get; init; }
    public string? ScoreText { get; init; }
    public string DisplayName => Label ?? Id;
}

internal sealed class LevelPlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public double? MinScore { get; init; }
    public string? WhenText { get; init; }
    /// <summary>The level condition's result, when the level has one.</summary>
    public Slot? Condition { get; init; }
    public IReadOnlyList<Symbol> ConditionReads { get; init; } = [];
    public string DisplayName => Label ?? Id;
}

internal sealed class RulePlan
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required int Salience { get; init; }
    public required RuleOrigin Origin { get; init; }
    public required string? WhenText { get; init; }
    public required Slot Fired { get; init; }
    public required IReadOnlyList<Symbol> Reads { get; init; }
    public required IReadOnlyList<ActionPlan> Actions { get; init; }
    public string DisplayName => Description ?? Id;
}

internal sealed class ActionPlan
{
    public required ActionKind Kind { get; init; }
    /// <summary>The item, value, flag or level acted on.</summary>
    public string? TargetId { get; init; }
    public string? TargetLabel { get; init; }
    /// <summary>Award/deduct: the points; set: the value; measure: the message (a text slot).</summary>
    public Slot? Result { get; init; }
    public ExprType? ResultType { get; init; }
    /// <summary>Force/cap: the level's ordinal.</summary>
    public int LevelOrdinal { get; init; }
    /// <summary>Measure: the literal text every message of the template starts with (empty when it starts with an expression).</summary>
    public string? MeasureStart { get; init; }
}

internal sealed class FlagPlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public required Slot Slot { get; init; }
    public string DisplayName => Label ?? Id;
}

internal sealed class ValuePlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Unit { get; init; }
    public required Symbol Symbol { get; init; }
    /// <summary>A value that reads nothing (a policy constant such as a threshold): the same for every subject.</summary>
    public bool IsConstant { get; init; }
    public string DisplayName => Label ?? Id;
}

/// <summary>A number subjects are ranked by, best first unless ascending.</summary>
internal sealed record RankKeyPlan(Slot Slot, bool Descending, string Name, string Label);

/// <summary>A compiled quota: at most <see cref="Share"/> of a group at <see cref="LevelOrdinal"/>; the rest one level lower.</summary>
internal sealed class QuotaPlan
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required int LevelOrdinal { get; init; }
    public required string Within { get; init; }
    public required double Share { get; init; }
    public required QuotaRounding Rounding { get; init; }
    public required IReadOnlyList<RankKeyPlan> RankBy { get; init; }
    public string DisplayName => Description ?? Id;

    /// <summary>The <c>within</c> of a member scheme's quota: the members of each organisation are one group.</summary>
    public const string PerOrganisation = "组织编号";
}

/// <summary>A compiled bottom ranking: the lowest <see cref="Share"/> of a group, by rank, is marked.</summary>
internal sealed class BottomRankingPlan
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public required string Within { get; init; }
    public required double Share { get; init; }
    public required QuotaRounding Rounding { get; init; }
    public required IReadOnlyList<RankKeyPlan> RankBy { get; init; }
    public string DisplayName => Label ?? Id;
}
