using System.Reflection;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Linq = System.Linq.Expressions;

namespace GradingEngine.NRules;

/// <summary>
/// Builds the NRules rule set of one checked scheme with NRules' rule-model builders. Every evaluation step is a rule
/// (ratings, values, items, the total, the level, and the scheme's rules, gates and vetoes), so the rule set shows
/// the whole scheme. Chaining goes through NRules: a step's rule matches the subject's <see cref="GradingFact"/> at
/// the stage of its depth in the dependency graph; a stage rule, after every other activation of the stage, moves
/// the fact on and updates it, so the next stage's rules react. Within a stage, priorities follow the evaluation
/// order (which honours the scheme's salience). A subject that links others (an organisation's members and team)
/// waits, through a not-exists pattern, until none of their facts in the session is still ungraded.
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

    /// <summary>The rule set's name: the scheme's id.</summary>
    public static IRuleSet Build(CheckedScheme model)
    {
        var rules = new List<IRuleDefinition>();
        var stages = model.Steps.Count == 0 ? 0 : model.Steps.Max(s => s.Depth) + 1;
        rules.Add(Prologue(model));
        for (var i = 0; i < model.Steps.Count; i++)
        {
            rules.Add(Step(model, model.Steps[i], i));
        }

        for (var stage = 0; stage <= stages; stage++)
        {
            rules.Add(Advance(model, stage, last: stage == stages));
        }

        var set = new RuleSet(model.Id);
        set.Add(rules);
        return set;
    }

    /// <summary>Stage 0: once every linked subject in the session is graded, reset the subject's per-subject state.</summary>
    private static IRuleDefinition Prologue(CheckedScheme model)
    {
        var builder = NewRule(model, $"{model.Id}:准备", $"{model.Name}：准备评定（重置加减分、标记与等级限制）", int.MaxValue);
        var (_, fact) = Pattern(builder, model, stage: 0);
        if (model.Inputs.Any(i => i.Linked is not null))
        {
            var child = builder.LeftHandSide().Not().Pattern(typeof(GradingFact), "linked");
            var c = Linq.Expression.Parameter(typeof(GradingFact), "linked");
            child.Condition(Linq.Expression.Lambda(
                Linq.Expression.AndAlso(
                    Linq.Expression.Equal(Linq.Expression.Property(c, ParentProperty), fact),
                    Linq.Expression.Not(Linq.Expression.Property(c, GradedProperty))),
                c, fact));
        }

        var context = new StepContext(Linq.Expression.Property(fact, FrameProperty), null, false);
        var statements = new List<Linq.Expression> { model.Prologue(context) };
        foreach (var rule in model.Rules)
        {
            statements.Add(Linq.Expression.Assign(FrameAccess.Slot(context.Frame, rule.Fired), Linq.Expression.Constant(false)));
        }

        foreach (var input in model.Inputs.Where(i => i.Type == InputType.Subject && i.Copies.Count > 0))
        {
            statements.Add(Linq.Expression.Call(CopyLinkedMethod, context.Frame, Linq.Expression.Constant(input)));
        }

        Act(builder, fact, Linq.Expression.Block(statements));
        return builder.Build();
    }

    private static IRuleDefinition Step(CheckedScheme model, EvaluationStep step, int index)
    {
        var description = step.RuleIndex >= 0 ? model.Rules[step.RuleIndex].DisplayName : step.Name;
        var builder = NewRule(model, RuleName(model, step), description, model.Steps.Count - index);
        builder.Tag(step.Kind.ToString());
        var (pattern, fact) = Pattern(builder, model, stage: step.Depth + 1);
        var context = new StepContext(Linq.Expression.Property(fact, FrameProperty), null, false);
        if (step.Condition is { } when)
        {
            pattern.Condition(Linq.Expression.Lambda(when(context), fact));
        }

        Linq.Expression body = step.Body(context);
        if (step.Fired is { } fired)
        {
            body = Linq.Expression.Block(Linq.Expression.Assign(FrameAccess.Slot(context.Frame, fired), Linq.Expression.Constant(true)), body);
        }

        Act(builder, fact, body);
        return builder.Build();
    }

    /// <summary>After every other activation of a stage: the fact moves to the next stage (or is graded) and is updated.</summary>
    private static IRuleDefinition Advance(CheckedScheme model, int stage, bool last)
    {
        var builder = NewRule(model, $"{model.Id}:阶段{stage}", last ? $"{model.Name}：评定完成" : $"{model.Name}：第 {stage} 阶段完成", int.MinValue + 1);
        var (_, fact) = Pattern(builder, model, stage);
        var ctx = Linq.Expression.Parameter(typeof(IContext), "ctx");
        var body = new List<Linq.Expression> { Linq.Expression.Assign(Linq.Expression.Property(fact, StageProperty), Linq.Expression.Constant(stage + 1)) };
        if (last)
        {
            body.Add(Linq.Expression.Assign(Linq.Expression.Property(fact, GradedProperty), Linq.Expression.Constant(true)));
        }

        body.Add(Linq.Expression.Call(ctx, UpdateMethod, fact));
        builder.RightHandSide().Action(Linq.Expression.Lambda(Linq.Expression.Block(body), ctx, fact));
        return builder.Build();
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
