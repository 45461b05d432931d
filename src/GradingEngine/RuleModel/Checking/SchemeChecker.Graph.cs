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
    // ------------------------------------------------------------------ expressions

    private CheckedExpression? Check(ExpressionSource source, ExprType? expected)
    {
        var errors = new List<ExpressionError>();
        var result = ExpressionChecker.Check(source.Text, _scope, expected, _limits, errors);
        Report(source, errors);
        if (result is not null)
        {
            NoteChildReads(result.Bound);
        }

        return errors.Count == 0 ? result : null;
    }

    private CheckedTemplate? CheckTemplate(ExpressionSource source)
    {
        var errors = new List<ExpressionError>();
        var result = MessageTemplate.Check(source.Text, _scope, _limits, errors);
        Report(source, errors);
        foreach (var part in result?.Parts ?? [])
        {
            if (part.Expression is { } expression)
            {
                NoteChildReads(expression.Bound);
            }
        }

        return errors.Count == 0 ? result : null;
    }

    private void Report(ExpressionSource source, List<ExpressionError> errors)
    {
        foreach (var e in errors)
        {
            var location = new SourceLocation(source.Node.File ?? _bag.File, source.Node.Line, source.Node.FileColumnOf(e.Start), source.Node.Path, e.Start + 1);
            _bag.Add(e.Code, e.Message, location, Excerpt.Make(source.Text, e.Start, e.Length));
        }
    }

    /// <summary>
    /// A scope that also knows the computed values not typed yet: <see cref="TypeAllValues"/> types each after the
    /// values it reads, so a lookup finds them typed, except along a cycle (reported) or, defensively, out of order.
    /// </summary>
    private sealed class LazyScope(SchemeChecker compiler, string name, FactLayout layout) : SchemeScope(name, layout)
    {
        public override Symbol? Lookup(string name) =>
            base.Lookup(name) ?? (compiler._pending.TryGetValue(name, out var pending) ? compiler.TypeValue(pending) : null);

        public override IEnumerable<string> Names => base.Names.Concat(compiler._pending.Keys).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Types every computed value, each after the values its expression names, whatever the declaration order. The
    /// order comes from the names in each expression's tokens and is walked with a stack of our own, never the call
    /// stack, so a chain of values of any length types without recursion (and without its depth counting against
    /// an expression's nesting limit).
    /// </summary>
    private void TypeAllValues()
    {
        foreach (var pending in _pending.Values)
        {
            TypeInOrder(pending);
        }
    }

    private void TypeInOrder(PendingValue root)
    {
        if (root.Done || root.InProgress)
        {
            return;
        }

        var stack = new Stack<(PendingValue Value, List<PendingValue> Reads, int Next)>();
        Enter(root);
        while (stack.Count > 0)
        {
            var (value, reads, next) = stack.Pop();
            if (next < reads.Count)
            {
                stack.Push((value, reads, next + 1));
                var read = reads[next];
                if (!read.Done && !read.InProgress)
                {
                    Enter(read);
                }

                continue;
            }

            // Everything it names is typed, or waits on it in a cycle (reported when the expression reads it).
            Type(value);
            _typing.Pop();
        }

        void Enter(PendingValue value)
        {
            value.InProgress = true;
            _typing.Push(value);
            stack.Push((value, NamedValues(value), 0));
        }
    }

    /// <summary>
    /// The other computed values an expression names, in order of first mention: the identifiers of its tokens
    /// (a superset of what it reads, since a name may be a list child's field or a function; only the order of
    /// typing depends on it).
    /// </summary>
    private List<PendingValue> NamedValues(PendingValue value)
    {
        var text = value.Definition.Expression!.Text;
        var named = new List<PendingValue>();
        if (text.Length > _limits.MaxLength)
        {
            return named; // reported as too long when typed
        }

        var seen = new HashSet<PendingValue> { value };
        foreach (var token in Lexer.Tokenize(text, []))
        {
            if (token.Kind == TokenKind.Identifier && _pending.TryGetValue(token.Text, out var other) && seen.Add(other))
            {
                named.Add(other);
            }
        }

        return named;
    }

    /// <summary>The symbol of a computed value looked up by an expression: typed, or a placeholder after reporting a cycle.</summary>
    private Symbol TypeValue(PendingValue pending)
    {
        if (pending.Done)
        {
            return pending.Symbol!;
        }

        if (pending.InProgress)
        {
            var definition = pending.Definition;
            var chain = _typing.Reverse().SkipWhile(p => p != pending).Select(p => $"计算值“{p.Definition.Id}”").Append($"计算值“{definition.Id}”");
            var path = string.Join(" → ", chain);
            Error(DiagnosticCodes.Cycle, definition.Node, $"计算值之间存在循环依赖：{path} (values depend on each other in a cycle: {path})");
            return new Symbol(definition.Id, ExprType.Number, default, definition.Label, definition);
        }

        TypeInOrder(pending); // named in a way the tokens did not show; typed now, still without recursion of its own
        return pending.Symbol!;
    }

    /// <summary>Checks a computed value's expression and declares the value with the expression's type.</summary>
    private void Type(PendingValue pending)
    {
        var definition = pending.Definition;
        var checkedExpression = Check(definition.Expression!, null);
        pending.InProgress = false;
        var type = checkedExpression?.Type ?? ExprType.Number;
        if (type.Kind is ValueKind.List or ValueKind.Record)
        {
            Error(DiagnosticCodes.TypeMismatch, definition.Node, $"计算值“{definition.Id}”不能是 {type.Name} (a value cannot be a {type.Name})");
            type = ExprType.Number;
        }

        pending.Symbol = _scope.Declare(definition.Id, type, definition.Label, definition);
        pending.Checked = checkedExpression;
        pending.Done = true;
        _typed.Add(pending);
        _values.Add(new ValuePlan
        {
            Id = definition.Id, Label = definition.Label, Unit = definition.Unit, Symbol = pending.Symbol,
            IsConstant = checkedExpression is { Reads.Count: 0 },
        });
    }

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
                actions.Add(new ActionPlan { Kind = action.Kind, Result = result, ResultType = ExprType.Text });
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
        Error(DiagnosticCodes.UnknownReference, action.TargetNode ?? action.Node, $"未声明的{what}“{target}”{hint} (undeclared {what} '{target}'{hintEn})");
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
