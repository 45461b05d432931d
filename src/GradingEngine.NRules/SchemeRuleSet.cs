using System.Reflection;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Linq = System.Linq.Expressions;

namespace GradingEngine.NRules;

/// <summary>
/// Builds the NRules rule set of one checked scheme with NRules' rule-model builders, from the rule model only (no
/// JSON, no names to resolve, no typing: every condition and action is LINQ emitted from checked expression trees).
/// Every rule, gate and veto of the scheme is an NRules rule named <c>scheme:规则“id”</c> with its Chinese label as
/// description and the scheme's id, subject and rule kind as tags; its condition is a condition of the subject's
/// <see cref="GradingFact"/> pattern. Chaining goes through NRules: the fact carries a stage; a scheme rule matches
/// at the stage after every step it depends on, and one stage rule per stage, firing after the stage's scheme rules,
/// computes the ratings, values, items, total and level that are ready, moves the fact on and updates it, so the
/// next stage's rules react. The fact is updated once per layer of rules, not once per value. Within a stage,
/// priorities follow the evaluation order (which honours the scheme's salience). A subject that links others (an
/// organisation's members and team) waits, through a not-exists pattern, until none of their facts in the session is
/// still ungraded.
/// </summary>
internal static class SchemeRuleSet
{
    /// <summary>The name of the fact declaration in every rule.</summary>
    private const string FactName = "subject";

    private static readonly PropertyInfo StageProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Stage))!;
    private static readonly PropertyInfo GradedProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.IsGraded))!;
    private static readonly PropertyInfo ModelProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Model), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo FrameProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Frame), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo ParentProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Parent))!;
    private static readonly MethodInfo UpdateMethod = typeof(IContext).GetMethod(nameof(IContext.Update), [typeof(object)])!;
    private static readonly MethodInfo CopyLinkedMethod = typeof(SchemeRuleSet).GetMethod(nameof(CopyLinked), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>The NRules rule name of a step: scheme id and the step's kind and id.</summary>
    public static string RuleName(CheckedScheme model, EvaluationStep step) => $"{model.Id}:{step.Name}";

    /// <summary>The rule set of one scheme, named by the scheme's id.</summary>
    public static IRuleSet Build(CheckedScheme model)
    {
        var stageOf = Stages(model);
        var stages = stageOf.Count == 0 ? 0 : stageOf.Values.Max();
        var rules = new List<IRuleDefinition>();
        for (var i = 0; i < model.Steps.Count; i++)
        {
            if (model.Steps[i].Kind == StepKind.Rule)
            {
                rules.Add(Rule(model, model.Steps[i], model.Steps.Count - i, stageOf[model.Steps[i]]));
            }
        }

        for (var stage = 0; stage <= stages; stage++)
        {
            var computed = model.Steps.Where(s => s.Kind != StepKind.Rule && stageOf[s] == stage).ToList();
            rules.Add(Stage(model, stage, computed, last: stage == stages));
        }

        var set = new RuleSet(model.Id);
        set.Add(rules);
        return set;
    }

    /// <summary>
    /// The stage of each step. NRules evaluates a rule's condition when the fact enters the rule's stage, so a scheme
    /// rule goes one stage after every step it depends on (from 1). Ratings, values, items, the total and the level
    /// are computed by the stage rule, which fires after the stage's scheme rules: such a step goes in the stage of
    /// the latest step it depends on (0, the preparation, when none). The fact is updated once per stage: once per
    /// layer of scheme rules, not once per step.
    /// </summary>
    private static Dictionary<EvaluationStep, int> Stages(CheckedScheme model)
    {
        var stageOf = new Dictionary<EvaluationStep, int>();
        foreach (var step in model.Steps)
        {
            var isRule = step.Kind == StepKind.Rule;
            var stage = isRule ? 1 : 0;
            foreach (var before in step.DependsOn)
            {
                stage = Math.Max(stage, stageOf[before] + (isRule ? 1 : 0));
            }

            stageOf[step] = stage;
        }

        return stageOf;
    }

    /// <summary>A rule, gate or veto of the scheme: its condition on the fact, its actions, the fired mark.</summary>
    private static IRuleDefinition Rule(CheckedScheme model, EvaluationStep step, int priority, int stage)
    {
        var rule = model.Rules[step.RuleIndex];
        var builder = NewRule(model, RuleName(model, step), rule.DisplayName, priority);
        builder.Tag(rule.Origin.ToString());
        var (pattern, fact) = Pattern(builder, model, stage);
        var context = new StepContext(Linq.Expression.Property(fact, FrameProperty), null, false);
        if (step.Condition is { } when)
        {
            pattern.Condition(Linq.Expression.Lambda(when(context), fact));
        }

        var fired = Linq.Expression.Assign(FrameAccess.Slot(context.Frame, step.Fired!.Value), Linq.Expression.Constant(true));
        Act(builder, fact, Linq.Expression.Block(fired, step.Body(context)));
        return builder.Build();
    }

    /// <summary>
    /// After the stage's scheme rules have fired: computes the stage's ratings, values, items, total and level in
    /// evaluation order, moves the fact to the next stage (or marks it graded) and updates it. Stage 0 first resets
    /// the subject's per-subject state, once every linked subject in the session is graded.
    /// </summary>
    private static IRuleDefinition Stage(CheckedScheme model, int stage, IReadOnlyList<EvaluationStep> computed, bool last)
    {
        var what = computed.Count == 0 ? string.Empty : "：计算" + string.Join("、", computed.Select(s => s.Name));
        var description = stage == 0 ? $"{model.Name}：准备评定{what}" : last ? $"{model.Name}：评定完成{what}" : $"{model.Name}：第 {stage} 阶段{what}";
        var builder = NewRule(model, $"{model.Id}:阶段{stage}", description, int.MinValue + 1);
        builder.Tag("Stage");
        var (_, fact) = Pattern(builder, model, stage);
        var context = new StepContext(Linq.Expression.Property(fact, FrameProperty), null, false);
        var body = new List<Linq.Expression>();
        if (stage == 0)
        {
            WaitForLinked(builder, model, fact);
            body.Add(model.Prologue(context));
            foreach (var rule in model.Rules)
            {
                body.Add(Linq.Expression.Assign(FrameAccess.Slot(context.Frame, rule.Fired), Linq.Expression.Constant(false)));
            }

            foreach (var input in model.Inputs.Where(i => i.Type == InputType.Subject && i.Copies.Count > 0))
            {
                body.Add(Linq.Expression.Call(CopyLinkedMethod, context.Frame, Linq.Expression.Constant(input)));
            }
        }

        body.AddRange(computed.Select(s => s.Emit(context)));
        body.Add(Linq.Expression.Assign(Linq.Expression.Property(fact, StageProperty), Linq.Expression.Constant(stage + 1)));
        if (last)
        {
            body.Add(Linq.Expression.Assign(Linq.Expression.Property(fact, GradedProperty), Linq.Expression.Constant(true)));
        }

        var ctx = Linq.Expression.Parameter(typeof(IContext), "ctx");
        body.Add(Linq.Expression.Call(ctx, UpdateMethod, fact));
        builder.RightHandSide().Action(Linq.Expression.Lambda(Linq.Expression.Block(body), ctx, fact));
        return builder.Build();
    }

    /// <summary>A subject that links others waits until none of their facts in the session is ungraded.</summary>
    private static void WaitForLinked(RuleBuilder builder, CheckedScheme model, Linq.ParameterExpression fact)
    {
        if (!model.Inputs.Any(i => i.Linked is not null))
        {
            return;
        }

        var child = builder.LeftHandSide().Not().Pattern(typeof(GradingFact), "linked");
        var c = Linq.Expression.Parameter(typeof(GradingFact), "linked");
        child.Condition(Linq.Expression.Lambda(
            Linq.Expression.AndAlso(
                Linq.Expression.Equal(Linq.Expression.Property(c, ParentProperty), fact),
                Linq.Expression.Not(Linq.Expression.Property(c, GradedProperty))),
            c, fact));
    }

    private static RuleBuilder NewRule(CheckedScheme model, string name, string description, int priority)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Description(description);
        builder.Priority(priority);
        builder.Repeatability(RuleRepeatability.NonRepeatable);
        builder.Tag(model.Id);
        builder.Tag(model.Subject.ToString());
        return builder;
    }

    /// <summary>The subject's pattern: a fact of this scheme at the given stage.</summary>
    private static (PatternBuilder Pattern, Linq.ParameterExpression Fact) Pattern(RuleBuilder builder, CheckedScheme model, int stage)
    {
        var pattern = builder.LeftHandSide().Pattern(typeof(GradingFact), FactName);
        var fact = pattern.Declaration.ToParameterExpression();
        pattern.Condition(Linq.Expression.Lambda(Linq.Expression.Equal(Linq.Expression.Property(fact, ModelProperty), Linq.Expression.Constant(model)), fact));
        pattern.Condition(Linq.Expression.Lambda(Linq.Expression.Equal(Linq.Expression.Property(fact, StageProperty), Linq.Expression.Constant(stage)), fact));
        return (pattern, fact);
    }

    private static void Act(RuleBuilder builder, Linq.ParameterExpression fact, Linq.Expression body)
    {
        var ctx = Linq.Expression.Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Linq.Expression.Lambda(Linq.Expression.Block(body, Linq.Expression.Empty()), ctx, fact));
    }

    /// <summary>A linked subject graded in the same session: its values copied into the subject's slots.</summary>
    private static void CopyLinked(FactFrame frame, InputPlan input)
    {
        if (frame.Lists[input.Slot.Index] is not [var child])
        {
            return;
        }

        foreach (var (from, to) in input.Copies)
        {
            switch (to.Kind)
            {
                case StorageKind.Number:
                    frame.Numbers[to.Index] = child.Numbers[from.Index];
                    break;
                case StorageKind.Boolean:
                    frame.Booleans[to.Index] = child.Booleans[from.Index];
                    break;
                case StorageKind.Text:
                    frame.Texts[to.Index] = child.Texts[from.Index];
                    break;
            }
        }
    }
}
