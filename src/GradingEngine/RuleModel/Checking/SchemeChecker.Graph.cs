using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Syntax;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

internal sealed partial class SchemeChecker
{
    // ------------------------------------------------------------------ nodes

    /// <summary>The accumulated awards and deductions of an item.</summary>
    private sealed record AdjustmentKey(string ItemId)
    {
        public override string ToString() => $"评分项“{ItemId}”的加减分";
    }

    /// <summary>Forced and capped levels, written by vetoes, gates and rules.</summary>
    private sealed record LevelConstraintsKey
    {
        public static readonly LevelConstraintsKey Instance = new();

        public override string ToString() => "等级限制";
    }

    private void Add(EvaluationStep node)
    {
        node.Order = _nodes.Count;
        _nodes.Add(node);
    }

    private void AddRatingNodes()
    {
        foreach (var rating in _scheme.Ratings)
        {
            var composite = _composites[rating]; // not looked up by id: a rating may clash with another name (reported)
            var raters = rating.Raters.Count > 0 ? rating.Raters : _scheme.Raters;
            var members = raters.Select(r => (r.Weight, Symbol: composite.Members!.Lookup(r.Id)!)).ToList();
            var node = new EvaluationStep
            {
                Name = $"评价项“{rating.Id}”",
                Kind = StepKind.Rating,
                Id = rating.Id,
                Where = rating.Node,
                Body = c =>
                {
                    Linq.Expression sum = Linq.Expression.Constant(0.0);
                    foreach (var (weight, member) in members)
                    {
                        sum = Linq.Expression.Add(sum, Linq.Expression.Multiply(Linq.Expression.Constant(weight), Access(c.Frame, member.Slot)));
                    }

                    return Linq.Expression.Assign(Access(c.Frame, composite.Slot), Round(sum));
                },
            };
            node.Reads.AddRange(members.Select(m => m.Symbol));
            node.Writes.Add(composite);
            Add(node);
        }
    }

    private void AddValueNodes()
    {
        foreach (var pending in _pending.Values)
        {
            if (pending.Checked is not { } expression)
            {
                continue;
            }

            var symbol = pending.Symbol!;
            var node = new EvaluationStep
            {
                Name = $"计算值“{symbol.Name}”",
                Kind = StepKind.Value,
                Id = symbol.Name,
                Where = pending.Definition.Node,
                Body = c => Linq.Expression.Assign(Access(c.Frame, symbol.Slot), LinqEmitter.Emit(expression, c.Frame, c.Fused)),
            };
            node.Reads.AddRange(expression.Reads);
            node.Writes.Add(symbol);
            Add(node);
        }
    }

    private void AddItemNodes(Symbol total)
    {
        foreach (var item in AllItems(_scheme.Items))
        {
            var plan = _items[_itemIndex[item.Id]];
            var symbol = _scope.Lookup(item.Id)!;
            var score = item.Score is { } s ? Check(s, ExprType.Number) : null;
            var children = item.Items.Select(c => _scope.Lookup(c.Id)!).ToList();
            var node = new EvaluationStep
            {
                Name = $"评分项“{item.Id}”",
                Kind = StepKind.Item,
                Id = item.Id,
                Where = item.Node,
                Body = c =>
                {
                    Linq.Expression start;
                    if (children.Count > 0)
                    {
                        start = Linq.Expression.Constant(0.0);
                        foreach (var child in children)
                        {
                            start = Linq.Expression.Add(start, Access(c.Frame, child.Slot));
                        }
                    }
                    else
                    {
                        start = score is not null
                            ? LinqEmitter.Emit(score, c.Frame, c.Fused)
                            : Linq.Expression.Constant(plan.Style == ItemStyle.Deduct ? plan.FullPoints : 0.0);
                    }

                    var raw = Linq.Expression.Add(start, Access(c.Frame, plan.Adjustment));
                    var clamped = Linq.Expression.Call(MathMin, Linq.Expression.Call(MathMax, raw, Linq.Expression.Constant(0.0)), Linq.Expression.Constant(plan.FullPoints));
                    return Linq.Expression.Assign(Access(c.Frame, plan.Score), Round(clamped));
                },
            };
            node.Reads.Add(new AdjustmentKey(item.Id));
            node.Reads.AddRange(children);
            if (score is not null)
            {
                node.Reads.AddRange(score.Reads);
            }

            node.Writes.Add(symbol);
            Add(node);
        }

        var top = _scheme.Items.Select(i => _scope.Lookup(i.Id)!).ToList();
        var totalNode = new EvaluationStep
        {
            Name = "总分",
            Kind = StepKind.Total,
            Id = "total",
            Where = _scheme.Node,
            Body = c =>
            {
                Linq.Expression sum = Linq.Expression.Constant(0.0);
                foreach (var item in top)
                {
                    sum = Linq.Expression.Add(sum, Access(c.Frame, item.Slot));
                }

                return Linq.Expression.Assign(Access(c.Frame, total.Slot), Round(sum));
            },
        };
        totalNode.Reads.AddRange(top);
        totalNode.Writes.Add(total);
        Add(totalNode);
    }

    private List<LevelPlan> AddLevelNode(Symbol total, Symbol level, Slot scoreLevel, Slot forced, Slot cap, Slot withheld)
    {
        var plans = new List<LevelPlan>();
        var conditions = new List<(int Index, Slot Slot, CheckedExpression Expression)>();
        for (var i = 0; i < _scheme.Levels.Count; i++)
        {
            var l = _scheme.Levels[i];
            CheckedExpression? condition = l.When is { } w ? Check(w, ExprType.Boolean) : null;
            Slot? slot = condition is null ? null : _layout.Allocate(StorageKind.Boolean);
            if (condition is not null)
            {
                conditions.Add((i, slot!.Value, condition));
            }

            plans.Add(new LevelPlan
            {
                Id = l.Id, Label = l.Label, Description = l.Description, MinScore = l.MinScore, WhenText = l.When?.Text,
                Condition = slot, ConditionReads = condition?.Reads ?? [],
            });
        }

        var node = new EvaluationStep
        {
            Name = "等级",
            Kind = StepKind.Level,
            Id = "level",
            Where = _scheme.Node,
            Body = c =>
            {
                var statements = new List<Linq.Expression>();
                foreach (var (_, slot, expression) in conditions)
                {
                    statements.Add(Linq.Expression.Assign(Access(c.Frame, slot), LinqEmitter.Emit(expression, c.Frame, c.Fused)));
                }

                Linq.Expression chosen = Linq.Expression.Constant((double)(plans.Count - 1));
                for (var i = plans.Count - 2; i >= 0; i--)
                {
                    Linq.Expression test = Linq.Expression.Constant(true);
                    if (plans[i].MinScore is { } min)
                    {
                        test = Linq.Expression.GreaterThanOrEqual(Access(c.Frame, total.Slot), Linq.Expression.Constant(min));
                    }

                    if (plans[i].Condition is { } holds)
                    {
                        test = Linq.Expression.AndAlso(test, Access(c.Frame, holds));
                    }

                    chosen = Linq.Expression.Condition(test, Linq.Expression.Constant((double)i), chosen);
                }

                statements.Add(Linq.Expression.Assign(Access(c.Frame, scoreLevel), chosen));
                var constrained = Linq.Expression.Condition(
                    Linq.Expression.GreaterThanOrEqual(Access(c.Frame, forced), Linq.Expression.Constant(0.0)),
                    Access(c.Frame, forced),
                    Linq.Expression.Call(MathMax, Access(c.Frame, scoreLevel), Access(c.Frame, cap)));
                statements.Add(Linq.Expression.Assign(Access(c.Frame, level.Slot),
                    Linq.Expression.Condition(Access(c.Frame, withheld), Linq.Expression.Constant(-1.0), constrained)));
                return Linq.Expression.Block(statements);
            },
        };
        node.Reads.Add(total);
        node.Reads.Add(LevelConstraintsKey.Instance);
        foreach (var (_, _, expression) in conditions)
        {
            node.Reads.AddRange(expression.Reads);
        }

        node.Writes.Add(level);
        Add(node);
        return plans;
    }

    private List<RulePlan> AddRuleNodes(Slot forced, Slot cap, Slot withheld)
    {
        var plans = new List<RulePlan>();
        foreach (var rule in LoweredRules())
        {
            var when = rule.When is { } w ? Check(w, ExprType.Boolean) : null;
            var reads = new List<Symbol>();
            if (when is not null)
            {
                reads.AddRange(when.Reads);
            }

            var fired = _layout.Allocate(StorageKind.Boolean);
            var actions = new List<ActionPlan>();
            var emitters = new List<Func<StepContext, Linq.Expression>>();
            var node = new EvaluationStep
            {
                Name = rule.Origin switch { RuleOrigin.Gate => $"闸门“{rule.Id}”", RuleOrigin.Veto => $"一票否决“{rule.Id}”", _ => $"规则“{rule.Id}”" },
                Kind = StepKind.Rule,
                Id = rule.Id,
                Where = rule.Node,
                Salience = rule.Salience,
                RuleIndex = plans.Count,
                Fired = fired,
                Condition = when is null ? null : c => LinqEmitter.Emit(when, c.Frame, c.Fused),
                Body = c => Linq.Expression.Block(emitters.Select(e => e(c)).Append(Linq.Expression.Empty())),
            };

            foreach (var action in rule.Actions)
            {
                AddAction(action, node, actions, emitters, reads, forced, cap, withheld);
            }

            node.Reads.AddRange(reads);
            Add(node);
            plans.Add(new RulePlan
            {
                Id = rule.Id, Description = rule.Description, Salience = rule.Salience, Origin = rule.Origin, WhenText = rule.When?.Text,
                Fired = fired, Reads = reads.Distinct().ToList(), Actions = actions,
            });
        }

        return plans;
    }

    /// <summary>Rules, then gates and vetoes as rules with a cap or force action.</summary>
    private IEnumerable<RuleDefinition> LoweredRules()
    {
        foreach (var rule in _scheme.Rules)
        {
            yield return rule;
        }

        foreach (var gate in _scheme.Gates)
        {
            var rule = new RuleDefinition { Id = gate.Id, Description = gate.Description, When = gate.When, Node = gate.Node, Origin = RuleOrigin.Gate };
            rule.Actions.Add(new ActionDefinition { Kind = ActionKind.Cap, Target = gate.AtBest, TargetNode = gate.AtBestNode, Node = gate.Node });
            yield return rule;
        }

        foreach (var veto in _scheme.Vetoes)
        {
            var rule = new RuleDefinition { Id = veto.Id, Description = veto.Description, When = veto.When, Node = veto.Node, Origin = RuleOrigin.Veto };
            var level = veto.Level ?? _scheme.Levels.LastOrDefault()?.Id ?? "?";
            rule.Actions.Add(new ActionDefinition { Kind = ActionKind.Force, Target = level, TargetNode = veto.LevelNode ?? veto.Node, Node = veto.Node });
            yield return rule;
        }
    }
}
