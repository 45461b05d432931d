using GradingEngine.Diagnostics;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Schemes;

/// <summary>
/// Turns a scheme's JSON tree into the <see cref="SchemeDefinition"/> model, reporting every structural
/// problem (unknown or missing properties, wrong JSON types, invalid words) without stopping at the first.
/// Names and references are checked later by the compiler, which sees the whole scheme.
/// </summary>
internal static class SchemeReader
{
    private static readonly Dictionary<string, SubjectKind> SubjectWords = new(StringComparer.Ordinal)
    {
        ["organisation"] = SubjectKind.Organisation,
        ["team"] = SubjectKind.LeadershipTeam,
        ["member"] = SubjectKind.Member,
        ["党组织"] = SubjectKind.Organisation,
        ["领导班子"] = SubjectKind.LeadershipTeam,
        ["党员"] = SubjectKind.Member,
    };

    private static readonly Dictionary<string, InputType> TypeWords = new(StringComparer.Ordinal)
    {
        ["number"] = InputType.Number,
        ["integer"] = InputType.Integer,
        ["boolean"] = InputType.Boolean,
        ["text"] = InputType.Text,
        ["enum"] = InputType.Enumeration,
        ["date"] = InputType.Date,
        ["list"] = InputType.List,
        ["subject"] = InputType.Subject,
    };

    private static readonly Dictionary<string, InputType> ValueTypeWords =
        TypeWords.Where(p => p.Value is not (InputType.List or InputType.Subject)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, ItemStyle> StyleWords = new(StringComparer.Ordinal)
    {
        ["award"] = ItemStyle.Award,
        ["deduct"] = ItemStyle.Deduct,
        ["加分"] = ItemStyle.Award,
        ["扣分"] = ItemStyle.Deduct,
    };

    private static readonly (string Key, ActionKind Kind)[] ActionKeys =
    [
        ("award", ActionKind.Award), ("deduct", ActionKind.Deduct), ("set", ActionKind.Set), ("flag", ActionKind.Flag),
        ("force", ActionKind.Force), ("cap", ActionKind.Cap), ("withholdLevel", ActionKind.WithholdLevel), ("measure", ActionKind.Measure),
    ];

    public static SchemeDefinition? Read(JsonNode root, DiagnosticBag bag)
    {
        var o = ObjectReader.For(root, bag, "方案");
        if (o is null)
        {
            return null;
        }

        o.Get(SchemeVariants.ExtendsProperty); // resolved before reading (see SchemeVariants)
        o.Get(SchemeVariants.RemoveProperty);
        var scheme = new SchemeDefinition
        {
            Id = o.String("id", required: true) ?? "?",
            Name = o.String("name", required: true) ?? "?",
            Version = o.String("version") ?? "1",
            Effective = EffectivePeriod.Read(o.Get(EffectivePeriod.Property), bag),
            Subject = o.Choice("subject", SubjectWords, required: true) ?? SubjectKind.Organisation,
            Description = o.String("description"),
            Precision = o.Integer("precision", 0, 6) ?? 2,
            Node = root,
        };

        foreach (var node in o.Array("raters"))
        {
            if (ReadRater(node, bag) is { } r)
            {
                scheme.Raters.Add(r);
            }
        }

        foreach (var node in o.Array("inputs"))
        {
            if (ReadInput(node, bag, nested: false) is { } i)
            {
                scheme.Inputs.Add(i);
            }
        }

        foreach (var node in o.Array("ratings"))
        {
            if (ReadRating(node, bag) is { } r)
            {
                scheme.Ratings.Add(r);
            }
        }

        foreach (var node in o.Array("values"))
        {
            if (ReadValue(node, bag) is { } v)
            {
                scheme.Values.Add(v);
            }
        }

        foreach (var node in o.Array("flags"))
        {
            if (ObjectReader.For(node, bag, "标记") is { } f)
            {
                scheme.Flags.Add(new FlagDefinition { Id = f.String("id", true) ?? "?", Label = f.String("label"), Description = f.String("description"), Node = node });
                f.Finish();
            }
        }

        foreach (var node in o.Array("items"))
        {
            if (ReadItem(node, bag) is { } item)
            {
                scheme.Items.Add(item);
            }
        }

        foreach (var node in o.Array("rules"))
        {
            if (ReadRule(node, bag) is { } rule)
            {
                scheme.Rules.Add(rule);
            }
        }

        foreach (var node in o.Array("levels"))
        {
            if (ObjectReader.For(node, bag, "等级") is { } l)
            {
                scheme.Levels.Add(new LevelDefinition
                {
                    Id = l.String("id", true) ?? "?",
                    Label = l.String("label"),
                    Description = l.String("description"),
                    MinScore = l.Number("minScore", limit: SchemeLimits.MaxPoints),
                    When = l.Expression("when"),
                    Node = node,
                });
                l.Finish();
            }
        }

        foreach (var node in o.Array("gates"))
        {
            if (ObjectReader.For(node, bag, "闸门") is { } g)
            {
                var atBestNode = g.Get("atBest");
                var gate = new GateDefinition
                {
                    Id = g.String("id", true) ?? "?",
                    Description = g.String("description"),
                    When = g.Expression("when", true) ?? Placeholder(node),
                    AtBest = g.String("atBest", true) ?? "?",
                    AtBestNode = atBestNode ?? node,
                    Node = node,
                };
                scheme.Gates.Add(gate);
                g.Finish();
            }
        }

        foreach (var node in o.Array("vetoes"))
        {
            if (ObjectReader.For(node, bag, "一票否决") is { } v)
            {
                var veto = new VetoDefinition
                {
                    Id = v.String("id", true) ?? "?",
                    Description = v.String("description"),
                    When = v.Expression("when", true) ?? Placeholder(node),
                    Level = v.String("level"),
                    LevelNode = v.Get("level"),
                    Node = node,
                };
                scheme.Vetoes.Add(veto);
                v.Finish();
            }
        }

        foreach (var node in o.Array("quotas"))
        {
            if (ReadQuota(node, bag) is { } quota)
            {
                scheme.Quotas.Add(quota);
            }
        }

        foreach (var node in o.Array("bottomRanking"))
        {
            if (ReadBottomRanking(node, bag) is { } ranking)
            {
                scheme.BottomRankings.Add(ranking);
            }
        }

        o.Finish();
        return scheme;
    }

    private static readonly Dictionary<string, QuotaRounding> RoundingWords = new(StringComparer.Ordinal)
    {
        ["floor"] = QuotaRounding.Floor,
        ["round"] = QuotaRounding.Round,
        ["ceiling"] = QuotaRounding.Ceiling,
        ["向下取整"] = QuotaRounding.Floor,
        ["四舍五入"] = QuotaRounding.Round,
        ["向上取整"] = QuotaRounding.Ceiling,
    };

    private static QuotaDefinition? ReadQuota(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "名额");
        if (o is null)
        {
            return null;
        }

        var quota = new QuotaDefinition
        {
            Id = o.String("id", true) ?? "?",
            Description = o.String("description"),
            Level = o.String("level", true) ?? "?",
            LevelNode = o.Get("level") ?? node,
            Within = o.String("within", true) ?? "?",
            WithinNode = o.Get("within") ?? node,
            Share = ReadShare(o, node),
            Rounding = o.Choice("rounding", RoundingWords) ?? QuotaRounding.Floor,
            Node = node,
        };
        ReadRankKeys(o, quota.RankBy);
        o.Finish();
        return quota;
    }

    private static BottomRankingDefinition? ReadBottomRanking(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "末位排名");
        if (o is null)
        {
            return null;
        }

        var ranking = new BottomRankingDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Description = o.String("description"),
            Within = o.String("within", true) ?? "?",
            Share = ReadShare(o, node),
            Rounding = o.Choice("rounding", RoundingWords) ?? QuotaRounding.Ceiling,
            Node = node,
        };
        ReadRankKeys(o, ranking.RankBy);
        o.Finish();
        return ranking;
    }

    /// <summary>
    /// Reads <c>"share"</c>: a number from 0 to 1, or a fraction written as text, <c>"1/3"</c>, for shares a decimal
    /// cannot hold exactly (0.3333 of a branch of 3 is 0.9999, below one member).
    /// </summary>
    private static double ReadShare(ObjectReader o, JsonNode node)
    {
        if (o.Get("share") is JsonScalarNode { Kind: JsonScalarKind.String, Value: string text } fraction)
        {
            var parts = text.Split('/');
            if (parts.Length == 2
                && int.TryParse(parts[0].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var top)
                && int.TryParse(parts[1].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bottom)
                && bottom > 0 && top <= bottom)
            {
                return (double)top / bottom;
            }

            o.Invalid(fraction, $"比例“{text}”应为 0 到 1 之间的数值，或“1/3”这样的分数", $"share '{text}' must be a number from 0 to 1 or a fraction such as \"1/3\"");
            return 0;
        }

        var share = o.Number("share", true) ?? 0;
        if (share is < 0 or > 1)
        {
            o.Invalid(o.Get("share") ?? node, $"比例 {share} 应在 0 到 1 之间（如 0.3 表示 30%）", $"share {share} must be between 0 and 1 (0.3 means 30%)");
        }

        return share;
    }

    /// <summary>Reads <c>"rankBy": ["总分", "群众评价 asc"]</c>: names of numbers, best first unless <c>asc</c>.</summary>
    private static void ReadRankKeys(ObjectReader o, List<RankKeyDefinition> keys)
    {
        var array = o.Array("rankBy");
        foreach (var entry in array)
        {
            if (entry is not JsonScalarNode { Kind: JsonScalarKind.String, Value: string text } scalar)
            {
                o.Invalid(entry, "排名依据应为名称字符串，如 \"总分\" 或 \"群众评价 asc\"", "a ranking key must be a name, such as \"总分\" or \"群众评价 asc\"");
                continue;
            }

            var trimmed = text.Trim();
            var descending = true;
            foreach (var (suffix, desc) in new[] { (" desc", true), (" asc", false), (" 降序", true), (" 升序", false) })
            {
                if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
                {
                    trimmed = trimmed[..^suffix.Length].TrimEnd();
                    descending = desc;
                    break;
                }
            }

            keys.Add(new RankKeyDefinition(new ExpressionSource(trimmed, scalar), descending));
        }

        if (array.Count == 0)
        {
            var where = o.Get("rankBy") ?? o.Node;
            keys.Add(new RankKeyDefinition(new ExpressionSource("总分", new JsonScalarNode(where.Path, where.Line, where.Column, JsonScalarKind.String, "总分", null)), true));
        }
    }

    private static ExpressionSource Placeholder(JsonNode node) =>
        new("true", new JsonScalarNode(node.Path, node.Line, node.Column, JsonScalarKind.String, "true", null));

    private static RaterDefinition? ReadRater(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "评价主体");
        if (o is null)
        {
            return null;
        }

        var rater = new RaterDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Weight = o.Number("weight", true) ?? 0,
            WeightNode = o.Get("weight") ?? node,
            Node = node,
        };
        o.Finish();
        return rater;
    }

    private static InputDefinition? ReadInput(JsonNode node, DiagnosticBag bag, bool nested)
    {
        var o = ObjectReader.For(node, bag, nested ? "子项字段" : "输入项");
        if (o is null)
        {
            return null;
        }

        var defaultNode = o.Get("default");
        if (defaultNode is not null and not JsonScalarNode)
        {
            o.Invalid(defaultNode, "应为单个值", "must be a single value");
        }

        var type = o.Choice("type", TypeWords, required: true) ?? InputType.Number;
        var input = new InputDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Description = o.String("description"),
            Type = type,
            Unit = o.String("unit"),
            Min = o.Number("min"),
            Max = o.Number("max"),
            Required = o.Boolean("required") ?? defaultNode is null,
            Default = defaultNode as JsonScalarNode,
            Scheme = o.String("scheme"),
            SchemeNode = o.Get("scheme"),
            Node = node,
        };
        foreach (var (text, valueNode) in o.StringArray("values"))
        {
            input.Values.Add(text);
            input.ValueNodes.Add(valueNode);
        }

        foreach (var field in o.Array("fields"))
        {
            if (nested)
            {
                o.Invalid(field, "子项中不能再嵌套列表", "a list's fields cannot contain another list");
                break;
            }

            if (ReadInput(field, bag, nested: true) is { } f)
            {
                input.Fields.Add(f);
            }
        }

        if (type == InputType.Enumeration && input.Values.Count == 0)
        {
            o.Invalid(node, "是枚举类型，需要 values 列出允许的值", "is an enum and needs 'values' listing the allowed values");
        }

        if (type == InputType.List && input.Fields.Count == 0 && input.Scheme is null && !nested)
        {
            o.Invalid(node, "是列表类型，需要 fields 声明子项字段，或 scheme 指定评定子项的方案", "is a list and needs 'fields' declaring its children's fields, or 'scheme' naming the scheme that grades them");
        }

        if (input.Scheme is not null && (type is not (InputType.List or InputType.Subject) || input.Fields.Count > 0))
        {
            o.Invalid(node, "的 scheme 只能用于 list 或 subject 类型，且不能再声明 fields", "'scheme' applies to a list or subject input, without 'fields'");
        }

        if (type == InputType.Subject && input.Scheme is null)
        {
            o.Invalid(node, "是 subject 类型，需要 scheme 指定评定它的方案", "is a subject input and needs 'scheme' naming the scheme that grades it");
        }

        if (type is InputType.List or InputType.Subject && nested)
        {
            o.Invalid(node, "子项中不能再嵌套列表", "a list's fields cannot contain another list");
        }

        o.Finish();
        return input;
    }

    private static RatingDefinition? ReadRating(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "评价项");
        if (o is null)
        {
            return null;
        }

        var rating = new RatingDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Description = o.String("description"),
            Scale = o.Number("scale", limit: SchemeLimits.MaxPoints) ?? 100,
            Node = node,
        };
        foreach (var r in o.Array("raters"))
        {
            if (ReadRater(r, bag) is { } rater)
            {
                rating.Raters.Add(rater);
            }
        }

        o.Finish();
        return rating;
    }

    private static ValueDefinition? ReadValue(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "计算值");
        if (o is null)
        {
            return null;
        }

        var initialNode = o.Get("initial");
        var value = new ValueDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Unit = o.String("unit"),
            Description = o.String("description"),
            Expression = o.Expression("expr"),
            Type = o.Choice("type", ValueTypeWords),
            Initial = initialNode as JsonScalarNode,
            Node = node,
        };
        foreach (var (text, valueNode) in o.StringArray("values"))
        {
            value.EnumValues.Add(text);
            value.EnumValueNodes.Add(valueNode);
        }

        if (initialNode is not null and not JsonScalarNode)
        {
            o.Invalid(initialNode, "应为单个值", "must be a single value");
        }

        if (value.Expression is null && value.Type is null)
        {
            o.Invalid(node, "需要 expr（计算值），或 type 与 initial（由规则设置的值）", "needs 'expr' (a computed value) or 'type' and 'initial' (a value rules set)");
        }
        else if (value.Expression is not null && (value.Type is not null || initialNode is not null))
        {
            o.Invalid(node, "的 expr 与 type/initial 不能同时出现：计算值的类型由表达式决定", "'expr' cannot be combined with 'type'/'initial': a computed value takes its expression's type");
        }

        o.Finish();
        return value;
    }

    private static ItemDefinition? ReadItem(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "评分项");
        if (o is null)
        {
            return null;
        }

        var item = new ItemDefinition
        {
            Id = o.String("id", true) ?? "?",
            Label = o.String("label"),
            Description = o.String("description"),
            Points = o.Number("points", limit: SchemeLimits.MaxPoints),
            Style = o.Choice("style", StyleWords) ?? ItemStyle.Award,
            Score = o.Expression("score"),
            Node = node,
        };
        foreach (var child in o.Array("items"))
        {
            if (ReadItem(child, bag) is { } c)
            {
                item.Items.Add(c);
            }
        }

        if (item.Items.Count == 0 && o.Node.Find("points") is null)
        {
            o.Invalid(node, "需要 points（满分）", "needs 'points' (full points)");
        }

        if (item.Points is < 0)
        {
            o.Invalid(o.Get("points")!, "不能为负数", "must not be negative");
        }

        if (item.Items.Count > 0 && (item.Score is not null || o.Get("style") is not null))
        {
            o.Invalid(node, "有子项，得分由子项合计，不能再设 score 或 style", "has sub-items, so its score is their sum and it cannot set 'score' or 'style'");
        }

        o.Finish();
        return item;
    }

    private static RuleDefinition? ReadRule(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "规则");
        if (o is null)
        {
            return null;
        }

        var rule = new RuleDefinition
        {
            Id = o.String("id", true) ?? "?",
            Description = o.String("description"),
            Salience = o.Integer("salience", -1_000_000, 1_000_000) ?? 0,
            When = o.Expression("when"),
            Node = node,
        };
        var then = o.Required("then");
        IReadOnlyList<JsonNode> actions = then switch
        {
            JsonArrayNode a => a.Items,
            JsonObjectNode single => [single],
            null => [],
            _ => Bad(o, then),
        };
        foreach (var a in actions)
        {
            if (ReadAction(a, bag) is { } action)
            {
                rule.Actions.Add(action);
            }
        }

        if (then is JsonArrayNode { Items.Count: 0 })
        {
            o.Invalid(then, "至少需要一个动作", "needs at least one action");
        }

        o.Finish();
        return rule;

        static IReadOnlyList<JsonNode> Bad(ObjectReader o, JsonNode then)
        {
            o.Invalid(then, "应为动作数组", "must be an array of actions");
            return [];
        }
    }

    private static ActionDefinition? ReadAction(JsonNode node, DiagnosticBag bag)
    {
        var o = ObjectReader.For(node, bag, "动作");
        if (o is null)
        {
            return null;
        }

        var present = ActionKeys.Where(k => o.Node.Find(k.Key) is not null).ToList();
        if (present.Count != 1)
        {
            var keys = string.Join("/", ActionKeys.Select(k => k.Key));
            o.Invalid(node, present.Count == 0 ? $"需要以下之一：{keys}" : "只能有一种动作", present.Count == 0 ? $"needs one of {keys}" : "must have exactly one action kind");
            foreach (var (key, _) in ActionKeys)
            {
                o.Get(key);
            }

            o.Get("points");
            o.Get("to");
            o.Finish();
            return null;
        }

        var (actionKey, kind) = present[0];
        var targetNode = o.Get(actionKey)!;
        ActionDefinition action;
        switch (kind)
        {
            case ActionKind.Award or ActionKind.Deduct:
                action = new ActionDefinition { Kind = kind, Target = o.AsString(targetNode), TargetNode = targetNode, Expression = o.Expression("points", true), Node = node };
                break;
            case ActionKind.Set:
                action = new ActionDefinition { Kind = kind, Target = o.AsString(targetNode), TargetNode = targetNode, Expression = o.Expression("to", true), Node = node };
                break;
            case ActionKind.Measure:
                action = new ActionDefinition { Kind = kind, Template = o.Expression(actionKey, true), Node = node };
                break;
            case ActionKind.WithholdLevel:
                if (targetNode is not JsonScalarNode { Value: true })
                {
                    o.Invalid(targetNode, "应为 true", "must be true");
                }

                action = new ActionDefinition { Kind = kind, Node = node };
                break;
            default:
                action = new ActionDefinition { Kind = kind, Target = o.AsString(targetNode), TargetNode = targetNode, Node = node };
                break;
        }

        o.Finish();
        return action;
    }
}
