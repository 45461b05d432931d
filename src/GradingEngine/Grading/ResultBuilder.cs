using System.Globalization;
using GradingEngine.RuleModel;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Schemes;

namespace GradingEngine.Grading;

/// <summary>Turns a frame the compiled plan has run on into a <see cref="GradingResult"/>.</summary>
internal static class ResultBuilder
{
    /// <summary>The rule id of a measure added by a rule outside the scheme.</summary>
    public const string ExternalRuleId = "";

    /// <param name="plan">The scheme the frame was graded with.</param>
    /// <param name="frame">The graded frame.</param>
    /// <param name="subjectId">The subject's id.</param>
    /// <param name="explain">Whether to build the explanation.</param>
    /// <param name="extraMeasures">Measures added by rules outside the scheme (an NRules session's own rules), after the scheme's.</param>
    public static GradingResult Build(CheckedScheme plan, FactFrame frame, string? subjectId, bool explain, IReadOnlyList<string>? extraMeasures = null)
    {
        var items = new ItemScore[plan.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = plan.Items[i];
            items[i] = new ItemScore(item.Id, item.DisplayName, frame.Numbers[item.Score.Index], item.FullPoints, item.Depth);
        }

        var levelOrdinal = (int)frame.Numbers[plan.Level.Index];
        var level = levelOrdinal >= 0 ? LevelAt(plan, levelOrdinal) : null;

        var flagCount = 0;
        foreach (var flag in plan.Flags)
        {
            if (frame.Booleans[flag.Slot.Index])
            {
                flagCount++;
            }
        }

        var flags = flagCount == 0 ? [] : new RaisedFlag[flagCount];
        flagCount = 0;
        foreach (var flag in plan.Flags)
        {
            if (frame.Booleans[flag.Slot.Index])
            {
                flags[flagCount++] = new RaisedFlag(flag.Id, flag.DisplayName);
            }
        }

        var measures = Measures(plan, frame);
        if (extraMeasures is { Count: > 0 })
        {
            measures = [.. measures, .. extraMeasures.Select(text => new Measure(text, ExternalRuleId))];
        }

        var explanation = explain ? Explain(plan, frame) : null;
        return new GradingResult(plan.Id, plan.Version, subjectId, items, frame.Numbers[plan.Total.Index], level, flags, measures, explanation, Linked(plan, frame, explain));
    }

    private static Dictionary<string, IReadOnlyList<GradingResult>>? Linked(CheckedScheme plan, FactFrame frame, bool explain)
    {
        Dictionary<string, IReadOnlyList<GradingResult>>? linked = null;
        foreach (var input in plan.Inputs)
        {
            if (input.Linked is { } scheme)
            {
                var children = frame.Lists[input.Slot.Index];
                var results = new GradingResult[children.Length];
                for (var i = 0; i < children.Length; i++)
                {
                    results[i] = Build(scheme, children[i], children[i].SubjectId, explain);
                }

                (linked ??= new Dictionary<string, IReadOnlyList<GradingResult>>(StringComparer.Ordinal))[input.Id] = results;
            }
        }

        return linked;
    }

    private static List<string> LinkedSummaries(CheckedScheme plan, FactFrame frame)
    {
        var lines = new List<string>();
        foreach (var input in plan.Inputs)
        {
            if (input.Linked is not { } scheme)
            {
                continue;
            }

            var children = frame.Lists[input.Slot.Index];
            var linkedPlan = scheme;
            if (input.Type == InputType.Subject)
            {
                if (children.Length == 1)
                {
                    var child = children[0];
                    var ordinal = (int)child.Numbers[linkedPlan.Level.Index];
                    var level = ordinal >= 0 ? linkedPlan.Levels[ordinal].DisplayName : "不定等级";
                    lines.Add($"{input.DisplayName}（按“{scheme.Name}”评定）：{level}，总分 {Fmt(child.Numbers[linkedPlan.Total.Index])} 分");
                }

                continue;
            }

            var counts = new int[linkedPlan.Levels.Count + 1];
            foreach (var child in children)
            {
                var ordinal = (int)child.Numbers[linkedPlan.Level.Index];
                counts[ordinal >= 0 ? ordinal : linkedPlan.Levels.Count]++;
            }

            var parts = linkedPlan.Levels.Select((l, i) => $"{l.DisplayName} {counts[i]}").ToList();
            if (counts[^1] > 0)
            {
                parts.Add($"不定等级 {counts[^1]}");
            }

            lines.Add($"{input.DisplayName}共 {children.Length} 个（按“{scheme.Name}”评定）：{string.Join("，", parts)}");
            var moved = children.Where(c => c.Numbers[linkedPlan.ImposedCap.Index] > 0 && (int)c.Numbers[linkedPlan.Level.Index] >= 0).ToList();
            if (moved.Count > 0)
            {
                var quota = string.Join("、", linkedPlan.Quotas.Select(q => q.DisplayName));
                var who = moved.Select(c => $"{c.SubjectId ?? "（无编号）"}（{linkedPlan.Levels[(int)c.Numbers[linkedPlan.Level.Index] - 1].DisplayName}→{linkedPlan.Levels[(int)c.Numbers[linkedPlan.Level.Index]].DisplayName}）");
                lines.Add($"因名额限制（{quota}）调低等级的{input.DisplayName} {moved.Count} 个：{string.Join("、", who)}");
            }
        }

        return lines;
    }

    private static GradeLevel LevelAt(CheckedScheme plan, int ordinal)
    {
        var l = plan.Levels[ordinal];
        return new GradeLevel(l.Id, l.DisplayName, ordinal);
    }

    private static Measure[] Measures(CheckedScheme plan, FactFrame frame)
    {
        List<Measure>? measures = null;
        foreach (var index in plan.RuleRunOrder)
        {
            var rule = plan.Rules[index];
            if (!frame.Booleans[rule.Fired.Index])
            {
                continue;
            }

            foreach (var action in rule.Actions)
            {
                if (action.Kind == ActionKind.Measure)
                {
                    (measures ??= []).Add(new Measure(frame.Texts[action.Result!.Value.Index], rule.Id));
                }
            }
        }

        return measures is null ? [] : [.. measures];
    }

    private static GradingExplanation Explain(CheckedScheme plan, FactFrame frame)
    {
        var fired = new List<FiredRule>();
        foreach (var index in plan.RuleRunOrder)
        {
            var rule = plan.Rules[index];
            if (!frame.Booleans[rule.Fired.Index])
            {
                continue;
            }

            var effects = rule.Actions.Select(a => Effect(plan, a, frame)).ToList();
            var reads = rule.Reads.Select(s => Reading(s, frame)).ToList();
            var kind = rule.Origin switch { RuleOrigin.Gate => RuleKind.Gate, RuleOrigin.Veto => RuleKind.Veto, _ => RuleKind.Rule };
            fired.Add(new FiredRule(rule.Id, rule.DisplayName, kind, rule.Salience, rule.WhenText, effects, reads));
        }

        var values = plan.Values.Where(v => !v.IsConstant).Select(v => Reading(v.Symbol, frame)).ToList();
        return new GradingExplanation(fired, ExplainLevel(plan, frame), values, LinkedSummaries(plan, frame));
    }

    private static RuleEffect Effect(CheckedScheme plan, ActionPlan action, FactFrame frame)
    {
        switch (action.Kind)
        {
            case ActionKind.Award or ActionKind.Deduct:
            {
                var points = frame.Numbers[action.Result!.Value.Index];
                var item = plan.Items.First(i => i.Id == action.TargetId);
                var verb = action.Kind == ActionKind.Award ? "加" : "扣";
                var text = $"“{item.DisplayName}”{verb} {Fmt(points)} 分（该项得分 {Fmt(frame.Numbers[item.Score.Index])}/{Fmt(item.FullPoints)}）";
                return new RuleEffect(action.Kind == ActionKind.Award ? "award" : "deduct", action.TargetId, points, text);
            }

            case ActionKind.Set:
                return new RuleEffect("set", action.TargetId, null,
                    $"“{action.TargetLabel}”设为 {Format(frame, action.Result!.Value, action.ResultType!)}");
            case ActionKind.Flag:
                return new RuleEffect("flag", action.TargetId, null, $"标记为“{action.TargetLabel}”");
            case ActionKind.Force:
                return new RuleEffect("force", action.TargetId, null, $"等级定为“{action.TargetLabel}”");
            case ActionKind.Cap:
                return new RuleEffect("cap", action.TargetId, null, $"等级最高为“{action.TargetLabel}”");
            case ActionKind.WithholdLevel:
                return new RuleEffect("withholdLevel", null, null, "不评定等级");
            default:
                return new RuleEffect("measure", null, null, "措施：" + frame.Texts[action.Result!.Value.Index]);
        }
    }

    private static LevelExplanation ExplainLevel(CheckedScheme plan, FactFrame frame)
    {
        var total = frame.Numbers[plan.Total.Index];
        var final = (int)frame.Numbers[plan.Level.Index];
        var byScore = (int)frame.Numbers[plan.ScoreLevel.Index];
        var forced = (int)frame.Numbers[plan.Forced.Index];
        var cap = (int)frame.Numbers[plan.Cap.Index];
        var imposed = (int)frame.Numbers[plan.ImposedCap.Index];
        var reasons = new List<string>();
        var scoreLevel = plan.Levels[byScore];
        reasons.Add($"总分 {Fmt(total)} 分，按分数与等级条件应为“{scoreLevel.DisplayName}”" + Threshold(scoreLevel));

        var constraints = FiredConstraints(plan, frame).ToList();
        foreach (var (rule, action) in constraints)
        {
            var what = action.Kind switch
            {
                ActionKind.Force => $"定为“{action.TargetLabel}”",
                ActionKind.Cap => $"最高为“{action.TargetLabel}”",
                _ => "不评定等级",
            };
            var origin = rule.Origin switch { RuleOrigin.Gate => "闸门", RuleOrigin.Veto => "一票否决", _ => "规则" };
            reasons.Add($"{origin}“{rule.DisplayName}”：{what}");
        }

        LevelDecision decision;
        string summary;
        if (frame.Booleans[plan.Withheld.Index])
        {
            decision = LevelDecision.Withheld;
            summary = $"总分 {Fmt(total)} 分，不评定等级";
        }
        else if (forced >= 0)
        {
            decision = LevelDecision.Veto;
            summary = $"总分 {Fmt(total)} 分，因一票否决定为“{plan.Levels[final].DisplayName}”";
        }
        else if (imposed > byScore && imposed == cap && !constraints.Any(c => c.Action.Kind == ActionKind.Cap && c.Action.LevelOrdinal >= imposed))
        {
            decision = LevelDecision.Quota;
            summary = $"总分 {Fmt(total)} 分，分数可达“{scoreLevel.DisplayName}”，因名额限制定为“{plan.Levels[final].DisplayName}”";
        }
        else if (cap > byScore)
        {
            decision = LevelDecision.Gate;
            summary = $"总分 {Fmt(total)} 分，分数可达“{scoreLevel.DisplayName}”，因闸门限制为“{plan.Levels[final].DisplayName}”";
        }
        else
        {
            decision = LevelDecision.Threshold;
            summary = $"总分 {Fmt(total)} 分，评为“{scoreLevel.DisplayName}”" + Threshold(scoreLevel);
        }

        var shortOf = new List<string>();
        var current = final >= 0 ? final : byScore;
        if (current > 0 && decision != LevelDecision.Withheld)
        {
            var next = plan.Levels[current - 1];
            if (next.MinScore is { } min && total < min)
            {
                shortOf.Add($"“{next.DisplayName}”需总分 ≥ {Fmt(min)} 分，还差 {Fmt(Math.Round(min - total, plan.Precision, MidpointRounding.AwayFromZero))} 分");
            }

            if (next.Condition is { } condition && !frame.Booleans[condition.Index])
            {
                var read = string.Join("，", next.ConditionReads.Select(s => $"{s.DisplayName} = {Reading(s, frame).Value}"));
                shortOf.Add($"“{next.DisplayName}”的条件“{next.WhenText}”未满足（{read}）");
            }

            foreach (var (rule, action) in constraints)
            {
                var blocks = action.Kind == ActionKind.Force || (action.Kind == ActionKind.Cap && action.LevelOrdinal > current - 1);
                if (blocks)
                {
                    var origin = rule.Origin switch { RuleOrigin.Gate => "闸门", RuleOrigin.Veto => "一票否决", _ => "规则" };
                    shortOf.Add($"{origin}“{rule.DisplayName}”阻止达到“{next.DisplayName}”" + (rule.WhenText is { } w ? $"（{w}）" : string.Empty));
                }
            }
        }

        return new LevelExplanation(decision, summary, reasons, shortOf);
    }

    private static IEnumerable<(RulePlan Rule, ActionPlan Action)> FiredConstraints(CheckedScheme plan, FactFrame frame)
    {
        foreach (var index in plan.RuleRunOrder)
        {
            var rule = plan.Rules[index];
            if (!frame.Booleans[rule.Fired.Index])
            {
                continue;
            }

            foreach (var action in rule.Actions)
            {
                if (action.Kind is ActionKind.Force or ActionKind.Cap or ActionKind.WithholdLevel)
                {
                    yield return (rule, action);
                }
            }
        }
    }

    private static string Threshold(LevelPlan level)
    {
        var parts = new List<string>();
        if (level.MinScore is { } min)
        {
            parts.Add($"≥ {Fmt(min)} 分");
        }

        if (level.WhenText is { } when)
        {
            parts.Add($"且满足“{when}”");
        }

        return parts.Count == 0 ? string.Empty : $"（{string.Join("", parts)}）";
    }

    internal static ValueReading Reading(Symbol symbol, FactFrame frame) =>
        new(symbol.Name, symbol.DisplayName, symbol.Type.Kind == ValueKind.List
            ? $"{frame.Lists[symbol.Slot.Index].Length} 项"
            : Format(frame, symbol.Slot, symbol.Type));

    private static string Format(FactFrame frame, Slot slot, ExprType type) => slot.Kind switch
    {
        StorageKind.Number => ValueFormatter.Format(frame.Numbers[slot.Index], type),
        StorageKind.Boolean => ValueFormatter.Format(frame.Booleans[slot.Index]),
        StorageKind.Text => frame.Texts[slot.Index],
        _ => string.Empty,
    };

    private static string Fmt(double value) => Expressions.ValueFormatter.FormatNumber(value);
}
