using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Syntax;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

/// <summary>A rule's actions: award, deduct, set, flag, force, cap, withhold a level, measure.</summary>
internal sealed partial class SchemeChecker
{
    private void AddAction(
        ActionDefinition action,
        EvaluationStep node,
        List<ActionPlan> actions,
        List<Func<StepContext, Linq.Expression>> emitters,
        List<Symbol> reads,
        Slot forced,
        Slot cap,
        Slot withheld)
    {
        switch (action.Kind)
        {
            case ActionKind.Award or ActionKind.Deduct:
            {
                var points = action.Expression is { } e ? Check(e, ExprType.Number) : null;
                if (!_itemIndex.TryGetValue(action.Target ?? string.Empty, out var index))
                {
                    UnknownTarget(action, "评分项", _itemIndex.Keys);
                    return;
                }

                if (points is null)
                {
                    return;
                }

                var item = _items[index];
                var result = _layout.Allocate(StorageKind.Number);
                reads.AddRange(points.Reads);
                node.Writes.Add(new AdjustmentKey(item.Id));
                actions.Add(new ActionPlan { Kind = action.Kind, TargetId = item.Id, TargetLabel = item.DisplayName, Result = result, ResultType = ExprType.Number });
                var deduct = action.Kind == ActionKind.Deduct;
                emitters.Add(c => Linq.Expression.Block(
                    Linq.Expression.Assign(Access(c.Frame, result), LinqEmitter.Emit(points, c.Frame, c.Fused)),
                    deduct
                        ? Linq.Expression.SubtractAssign(Access(c.Frame, item.Adjustment), Access(c.Frame, result))
                        : Linq.Expression.AddAssign(Access(c.Frame, item.Adjustment), Access(c.Frame, result))));
                return;
            }

            case ActionKind.Set:
            {
                if (!_settable.TryGetValue(action.Target ?? string.Empty, out var target))
                {
                    var isComputed = action.Target is not null && (_pending.ContainsKey(action.Target) || _scope.Contains(action.Target));
                    if (isComputed)
                    {
                        Error(DiagnosticCodes.UnknownReference, action.TargetNode ?? action.Node,
                            $"“{action.Target}”不是可由规则设置的值：只有在 values 中以 type 与 initial 声明的值才能 set ('{action.Target}' cannot be set: only values declared with 'type' and 'initial' can)");
                    }
                    else
                    {
                        UnknownTarget(action, "可设置的值", _settable.Keys);
                    }

                    return;
                }

                var value = action.Expression is { } e ? Check(e, target.Symbol.Type) : null;
                if (value is null)
                {
                    return;
                }

                reads.AddRange(value.Reads);
                node.Writes.Add(target.Symbol);
                node.Overwrites.Add(target.Symbol);
                actions.Add(new ActionPlan { Kind = action.Kind, TargetId = target.Symbol.Name, TargetLabel = target.Symbol.DisplayName, Result = target.Symbol.Slot, ResultType = target.Symbol.Type });
                emitters.Add(c => Linq.Expression.Assign(Access(c.Frame, target.Symbol.Slot), LinqEmitter.Emit(value, c.Frame, c.Fused)));
                return;
            }

            case ActionKind.Flag:
            {
                var flag = _flags.FirstOrDefault(x => x.Id == action.Target);
                if (flag is null)
                {
                    UnknownTarget(action, "标记", _flags.Select(x => x.Id));
                    return;
                }

                node.Writes.Add(_scope.Lookup(flag.Id)!);
                actions.Add(new ActionPlan { Kind = action.Kind, TargetId = flag.Id, TargetLabel = flag.DisplayName });
                emitters.Add(c => Linq.Expression.Assign(Access(c.Frame, flag.Slot), Linq.Expression.Constant(true)));
                return;
            }

            case ActionKind.Force or ActionKind.Cap:
            {
                var ordinal = _levelType.OrdinalOf(action.Target ?? string.Empty);
                if (ordinal < 0)
                {
                    UnknownTarget(action, "等级", _levelType.EnumValues);
                    return;
                }

                var level = _scheme.Levels[ordinal];
                node.Writes.Add(LevelConstraintsKey.Instance);
                actions.Add(new ActionPlan { Kind = action.Kind, TargetId = level.Id, TargetLabel = level.Label ?? level.Id, LevelOrdinal = ordinal });
                var slot = action.Kind == ActionKind.Force ? forced : cap;
                emitters.Add(c => Linq.Expression.Assign(Access(c.Frame, slot), Linq.Expression.Call(MathMax, Access(c.Frame, slot), Linq.Expression.Constant((double)ordinal))));
                return;
            }

            case ActionKind.WithholdLevel:
                node.Writes.Add(LevelConstraintsKey.Instance);
                actions.Add(new ActionPlan { Kind = action.Kind });
                emitters.Add(c => Linq.Expression.Assign(Access(c.Frame, withheld), Linq.Expression.Constant(true)));
                return;

            case ActionKind.Measure:
            {
                var template = action.Template is { } t ? CheckTemplate(t) : null;
                if (template is null)
                {
                    return;
                }

                reads.AddRange(template.Reads);
                var result = _layout.Allocate(StorageKind.Text);
                actions.Add(new ActionPlan
                {
                    Kind = action.Kind,
                    Result = result,
                    ResultType = ExprType.Text,
                    MeasureStart = template.Parts is [{ Literal: { } start }, ..] ? start : string.Empty,
                });
                emitters.Add(c => Linq.Expression.Assign(
                    Access(c.Frame, result),
                    c.WithoutMessages ? Linq.Expression.Constant(string.Empty) : MessageTemplate.Emit(FoldConstants(template), c.Frame, c.Fused)));
                return;
            }
        }
    }

    private void UnknownTarget(ActionDefinition action, string what, IEnumerable<string> candidates)
    {
        var target = action.Target ?? string.Empty;
        var suggestion = Suggestions.Closest(target, candidates);
        var hint = suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？";
        var hintEn = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
        Error(DiagnosticCodes.UnknownReference, action.TargetNode ?? action.Node, $"未声明的{what}“{target}”{hint} (undeclared {Schemes.Json.ObjectReader.English(what)} '{target}'{hintEn})");
    }
}
