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
/// pattern. Chaining goes through NRules: a scheme rule matches at the stage after every step it depends on, and one
/// stage rule per stage, firing after the stage's scheme rules, computes the ratings, values, items, total and level
/// that are ready and inserts the next <see cref="GradingStage"/> fact, so the next stage's rules react; NRules
/// evaluates each condition once per subject, and the subject's own fact is never updated except, in a developer's
/// session, once when graded (for rules outside the scheme). Within a stage, priorities follow the evaluation order
/// (which honours the scheme's salience). Where stage 0 (the prologue and what depends only on inputs) runs, and
/// whether a subject waits for its linked subjects' facts, depends on the <see cref="RuleSetShape"/>.
/// </summary>
internal static class SchemeRuleSet
{
    /// <summary>The name of the subject's declaration (the first stage).</summary>
    private const string FactName = "subject";

    /// <summary>The name of the stage's declaration (later stages).</summary>
    private const string StageName = "stage";

    private static readonly PropertyInfo StageProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Stage))!;
    private static readonly PropertyInfo GradedProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.IsGraded))!;
    private static readonly PropertyInfo ModelProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Model), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo FrameProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Frame), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo ParentProperty = typeof(GradingFact).GetProperty(nameof(GradingFact.Parent))!;
    private static readonly PropertyInfo StageModelProperty = typeof(GradingStage).GetProperty(nameof(GradingStage.Model), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo StageFrameProperty = typeof(GradingStage).GetProperty(nameof(GradingStage.Frame), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly PropertyInfo StageNumberProperty = typeof(GradingStage).GetProperty(nameof(GradingStage.Number))!;
    private static readonly PropertyInfo StageSubjectProperty = typeof(GradingStage).GetProperty(nameof(GradingStage.Subject))!;
    private static readonly ConstructorInfo StageConstructor = typeof(GradingStage).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(GradingFact), typeof(int)])!;
    private static readonly MethodInfo InsertMethod = typeof(IContext).GetMethod(nameof(IContext.Insert), [typeof(object)])!;
    private static readonly MethodInfo UpdateMethod = typeof(IContext).GetMethod(nameof(IContext.Update), [typeof(object)])!;
    private static readonly MethodInfo CopyLinkedMethod = typeof(SchemeRuleSet).GetMethod(nameof(CopyLinked), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>The NRules rule name of a step: scheme id and the step's kind and id.</summary>
    public static string RuleName(CheckedScheme model, EvaluationStep step) => $"{model.Id}:{step.Name}";

    /// <summary>The rule set of one scheme, named by the scheme's id, in the given shape.</summary>
    /// <param name="model">The checked scheme.</param>
    /// <param name="shape">Where the rule set runs (see <see cref="RuleSetShape"/>).</param>
    public static SchemeRules Build(CheckedScheme model, RuleSetShape shape)
    {
        var stageOf = Stages(model);
        var stages = stageOf.Count == 0 ? 0 : stageOf.Values.Max();
        var first = shape.Prepared ? 1 : 0;
        var rules = new List<IRuleDefinition>();
        for (var i = 0; i < model.Steps.Count; i++)
        {
            if (model.Steps[i].Kind == StepKind.Rule)
            {
                rules.Add(Rule(model, model.Steps[i], model.Steps.Count - i, stageOf[model.Steps[i]], first, shape));
            }
        }

        var marksGraded = true;
        for (var stage = first; stage <= stages; stage++)
        {
            var computed = model.Steps.Where(s => s.Kind != StepKind.Rule && stageOf[s] == stage).ToList();
            var last = stage == stages;
            if (shape.Prepared && last && computed.Count == 0)
            {
                // Nothing left to compute after the last layer of rules: the evaluator marks the fact graded.
                marksGraded = false;
                continue;
            }

            rules.Add(Stage(model, stage, first, computed, last, shape));
        }

        var set = new RuleSet(model.Id);
        set.Add(rules);
        return new SchemeRules
        {
            RuleSet = set,
            Prepare = shape.Prepared ? Prepare(model, model.Steps.Where(s => s.Kind != StepKind.Rule && stageOf[s] == 0).ToList(), shape) : null,
            FirstStage = first,
            MarksGraded = marksGraded && (stages >= first),
        };
    }

    /// <summary>
    /// Stage 0 outside NRules, compiled from the rule model: the prologue (with the fused aggregations), every
    /// rule's fired mark reset, linked subjects copied, then the ratings, values and items that depend only on inputs.
    /// </summary>
    private static Action<FactFrame> Prepare(CheckedScheme model, IReadOnlyList<EvaluationStep> computed, RuleSetShape shape)
    {
        var frame = Linq.Expression.Parameter(typeof(FactFrame), "frame");
        var context = new StepContext(frame, model.Fused, shape.WithoutMessages);
        var body = Start(model, context);
        body.AddRange(computed.Select(s => s.Emit(context)));
        body.Add(Linq.Expression.Empty());
        return Linq.Expression.Lambda<Action<FactFrame>>(Linq.Expression.Block(body), $"Prepare_{model.Id}", [frame]).Compile();
    }

    /// <summary>What every evaluation starts with: the prologue, the fired marks reset, linked subjects copied.</summary>
    private static List<Linq.Expression> Start(CheckedScheme model, StepContext context)
    {
        var body = new List<Linq.Expression> { model.Prologue(context) };
        foreach (var rule in model.Rules)
        {
            body.Add(Linq.Expression.Assign(FrameAccess.Slot(context.Frame, rule.Fired), Linq.Expression.Constant(false)));
        }

        foreach (var input in model.Inputs.Where(i => i.Type == InputType.Subject && i.Copies.Count > 0))
        {
            body.Add(Linq.Expression.Call(CopyLinkedMethod, context.Frame, Linq.Expression.Constant(input)));
        }

        return body;
    }

    /// <summary>
    /// The stage of each step. NRules evaluates a rule's condition when the fact enters the rule's stage, so a scheme
    /// rule goes one stage after every step it depends on (from 1). Ratings, values, items, the total and the level
    /// are computed by the stage rule, which fires after the stage's scheme rules: such a step goes in the stage of
    /// the latest step it depends on (0, the preparation, when none). One stage fact is inserted per stage: once per
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
    private static IRuleDefinition Rule(CheckedScheme model, EvaluationStep step, int priority, int stage, int first, RuleSetShape shape)
    {
        var rule = model.Rules[step.RuleIndex];
        var builder = NewRule(model, RuleName(model, step), rule.DisplayName, priority);
        builder.Tag(rule.Origin.ToString());
        var (pattern, fact) = Pattern(builder, model, stage, first, shape);
        var context = new StepContext(Frame(fact), model.Fused, shape.WithoutMessages);
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
    /// evaluation order, and inserts the next stage's fact (or marks the subject graded). Stage 0 first resets
    /// the subject's per-subject state, once every linked subject in the session is graded.
    /// </summary>
    private static IRuleDefinition Stage(CheckedScheme model, int stage, int first, IReadOnlyList<EvaluationStep> computed, bool last, RuleSetShape shape)
    {
        var what = computed.Count == 0 ? string.Empty : "：计算" + string.Join("、", computed.Select(s => s.Name));
        var description = stage == 0 ? $"{model.Name}：准备评定{what}" : last ? $"{model.Name}：评定完成{what}" : $"{model.Name}：第 {stage} 阶段{what}";
        var builder = NewRule(model, $"{model.Id}:阶段{stage}", description, int.MinValue + 1);
        builder.Tag("Stage");
        var (_, fact) = Pattern(builder, model, stage, first, shape);
        var context = new StepContext(Frame(fact), model.Fused, shape.WithoutMessages);
        var subject = fact.Type == typeof(GradingFact) ? (Linq.Expression)fact : Linq.Expression.Property(fact, StageSubjectProperty);
        var body = new List<Linq.Expression>();
        if (stage == 0)
        {
            if (shape.SharedSession)
            {
                WaitForLinked(builder, model, fact);
            }

            body.AddRange(Start(model, context));
        }

        body.AddRange(computed.Select(s => s.Emit(context)));
        var ctx = Linq.Expression.Parameter(typeof(IContext), "ctx");
        if (last)
        {
            // The subject's fact is updated once, when graded: rules outside the scheme that wait for it react.
            body.Add(Linq.Expression.Assign(Linq.Expression.Property(subject, StageProperty), Linq.Expression.Constant(stage + 1)));
            body.Add(Linq.Expression.Assign(Linq.Expression.Property(subject, GradedProperty), Linq.Expression.Constant(true)));
            if (shape.SharedSession)
            {
                body.Add(Linq.Expression.Call(ctx, UpdateMethod, subject));
            }
        }
        else
        {
            body.Add(Linq.Expression.Assign(Linq.Expression.Property(subject, StageProperty), Linq.Expression.Constant(stage + 1)));
            body.Add(Linq.Expression.Call(ctx, InsertMethod, Linq.Expression.New(StageConstructor, subject, Linq.Expression.Constant(stage + 1))));
        }

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
        child.Condition(Linq.Expression.Lambda(Linq.Expression.NotEqual(Linq.Expression.Property(c, ParentProperty), Linq.Expression.Constant(null, typeof(GradingFact))), c));
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

    /// <summary>
    /// The subject's pattern at a stage: the first stage (0, or 1 when stage 0 is prepared outside NRules) is the
    /// subject's <see cref="GradingFact"/> itself, as inserted; later stages are the <see cref="GradingStage"/> facts
    /// the stage rules insert.
    /// </summary>
    /// <remarks>
    /// In a session shared with other schemes and rules, the pattern names the scheme and the stage (the subject's
    /// fact is updated once graded, so its stage must not match again). A session of the back end's own holds one
    /// scheme's facts and never updates them, so the subject's fact needs neither condition and a stage fact only its
    /// number: fewer alpha nodes every fact passes through.
    /// </remarks>
    private static (PatternBuilder Pattern, Linq.ParameterExpression Fact) Pattern(RuleBuilder builder, CheckedScheme model, int stage, int first, RuleSetShape shape)
    {
        var isSubject = stage == first;
        var type = isSubject ? typeof(GradingFact) : typeof(GradingStage);
        var pattern = builder.LeftHandSide().Pattern(type, isSubject ? FactName : StageName);
        var fact = pattern.Declaration.ToParameterExpression();
        var modelProperty = isSubject ? ModelProperty : StageModelProperty;
        var stageProperty = isSubject ? StageProperty : StageNumberProperty;
        if (shape.SharedSession)
        {
            pattern.Condition(Linq.Expression.Lambda(Linq.Expression.Equal(Linq.Expression.Property(fact, modelProperty), Linq.Expression.Constant(model)), fact));
        }

        if (shape.SharedSession || !isSubject)
        {
            pattern.Condition(Linq.Expression.Lambda(Linq.Expression.Equal(Linq.Expression.Property(fact, stageProperty), Linq.Expression.Constant(stage)), fact));
        }

        return (pattern, fact);
    }

    /// <summary>The subject's frame, from its fact or its stage.</summary>
    private static Linq.Expression Frame(Linq.ParameterExpression fact) =>
        Linq.Expression.Property(fact, fact.Type == typeof(GradingFact) ? FrameProperty : StageFrameProperty);

    private static void Act(RuleBuilder builder, Linq.ParameterExpression fact, Linq.Expression body)
    {
        var ctx = Linq.Expression.Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Linq.Expression.Lambda(Linq.Expression.Block(body, Linq.Expression.Empty()), ctx, fact));
    }

    /// <summary>A linked subject graded in the same session: its values copied into the subject's slots.</summary>
    private static void CopyLinked(FactFrame frame, InputPlan input)
    {
        if (frame.Lists[input.Slot.Index] is [var child])
        {
            input.TakeLinked(frame, child);
        }
    }
}
