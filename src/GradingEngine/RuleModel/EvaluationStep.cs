using GradingEngine.Expressions.Binding;
using GradingEngine.Facts;
using GradingEngine.Schemes.Json;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

/// <summary>What a step of the evaluation computes.</summary>
internal enum StepKind
{
    /// <summary>A 三评 rating: the weighted sum of its raters' scores.</summary>
    Rating,
    /// <summary>A computed value (<c>values</c> with an <c>expr</c>).</summary>
    Value,
    /// <summary>An item's score: its start (full points, an expression or its children) plus adjustments, clamped.</summary>
    Item,
    /// <summary>The total: the sum of the top-level items.</summary>
    Total,
    /// <summary>The level: thresholds and level conditions, then forced levels, caps and withholding.</summary>
    Level,
    /// <summary>A rule, gate or veto: a condition and the actions taken when it holds.</summary>
    Rule,
}

/// <summary>
/// How a back end wants a step's LINQ: the frame parameter it reads and writes, the aggregations computed once
/// before the steps run (null: each aggregation loops where it is used), and whether measure texts are built.
/// </summary>
internal sealed record StepContext(Linq.Expression Frame, IReadOnlyDictionary<BoundAggregate, Slot>? Fused, bool WithoutMessages)
{
}

/// <summary>
/// One checked step of a scheme's evaluation: what it reads and writes (the dependency graph orders steps by
/// these), and the typed LINQ it runs, built only from checked expression trees. A back end decides how steps
/// are run: the plan inlines them into one delegate; NRules makes each step a rule.
/// </summary>
internal sealed class EvaluationStep
{
    /// <summary>A readable name, e.g. <c>规则“书记空缺”</c> or <c>评分项“组织生活”</c>.</summary>
    public required string Name { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>The id of the rule, value or item (the scheme's own id).</summary>
    public required string Id { get; init; }

    /// <summary>Where the step is declared, for diagnostics.</summary>
    public required JsonNode Where { get; init; }

    /// <summary>The scheme's priority (rules only; 0 otherwise).</summary>
    public int Salience { get; init; }

    /// <summary>Declaration order, the last tie-break of the evaluation order.</summary>
    public int Order { get; set; }

    /// <summary>
    /// The step's depth in the dependency graph: 0 for a step that depends on no other, else one more than the
    /// deepest step it depends on. Steps of one depth do not depend on each other.
    /// </summary>
    public int Depth { get; set; }

    /// <summary>The steps this one must run after (it reads what they write, or overwrites after them).</summary>
    public List<EvaluationStep> DependsOn { get; } = [];

    /// <summary>Index into <see cref="CheckedScheme.Rules"/> for rule steps; -1 for others.</summary>
    public int RuleIndex { get; init; } = -1;

    /// <summary>Symbols and engine keys the step reads.</summary>
    public List<object> Reads { get; } = [];

    /// <summary>Symbols and engine keys the step writes.</summary>
    public List<object> Writes { get; } = [];

    /// <summary>Values this step overwrites (set actions), ordered among writers by salience.</summary>
    public List<object> Overwrites { get; } = [];

    /// <summary>A rule's condition; null for a rule without one and for every other kind of step.</summary>
    public Func<StepContext, Linq.Expression>? Condition { get; init; }

    /// <summary>A rule's fired slot; null for other steps.</summary>
    public Slot? Fired { get; init; }

    /// <summary>The step's effect: for a rule, its actions (taken when the condition holds), for others the computation.</summary>
    public required Func<StepContext, Linq.Expression> Body { get; init; }

    /// <summary>The whole step as one statement: for a rule, records whether it fired and acts if so.</summary>
    public Linq.Expression Emit(StepContext context)
    {
        if (Fired is not { } fired)
        {
            return Body(context);
        }

        var firedAccess = FrameAccess.Slot(context.Frame, fired);
        var condition = Condition is null ? Linq.Expression.Constant(true) : Condition(context);
        return Linq.Expression.Block(
            Linq.Expression.Assign(firedAccess, condition),
            Linq.Expression.IfThen(firedAccess, Body(context)));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
