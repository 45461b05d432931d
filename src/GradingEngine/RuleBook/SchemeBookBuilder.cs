using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.RuleBook;

/// <summary>
/// Builds the <see cref="SchemeBook"/> of a compiled scheme: structure from the scheme model, names, types, slots and
/// linked schemes from the checked rule model, and every expression bound again against the rule model's names
/// (exactly as the checker bound it) and put into words by <see cref="ExpressionWords"/>.
/// </summary>
internal sealed class SchemeBookBuilder
{
    private readonly GradingScheme _scheme;
    private readonly CheckedScheme _model;
    private readonly SchemeDefinition _definition;
    private readonly ExpressionWords _words;

    private SchemeBookBuilder(GradingScheme scheme)
    {
        _scheme = scheme;
        _model = scheme.Model;
        var bag = new DiagnosticBag(scheme.Id);
        _definition = SchemeReader.Read(scheme.Source, bag)
            ?? throw new InvalidOperationException($"方案“{scheme.Id}”无法重新读取 (scheme '{scheme.Id}' could not be read again)");
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        _words = new ExpressionWords(new SymbolWords(_model, constants));
        foreach (var value in _definition.Values)
        {
            // A value that is one number written in the scheme is a policy constant: shown wherever it is read.
            if (value.Expression is { } source && Check(source, null) is { Bound: Expressions.Binding.BoundLiteral } literal)
            {
                constants[value.Id] = _words.Render(literal) is var words && value.Unit is { } unit && !words.EndsWith('%') && !words.StartsWith('“')
                    ? Words.Join(words, unit)
                    : words;
            }
        }
    }

    /// <summary>The renderer of a scheme's expressions, knowing its labels, units and policy constants.</summary>
    public static ExpressionWords WordsOf(GradingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return new SchemeBookBuilder(scheme)._words;
    }

    /// <summary>The rule book of a scheme (and, for a variant, of its base, to show what it changes).</summary>
    public static SchemeBook Build(GradingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return new SchemeBookBuilder(scheme).Build();
    }

    private SchemeBook Build()
    {
        var book = BuildOwn();
        return _scheme.Variant is { } variant
            ? book with { Variant = VariantOverrides.Describe(new SchemeBookBuilder(variant.Base).Build(), book, variant.Own) }
            : book;
    }

    private SchemeBook BuildOwn() => new()
    {
        Id = _definition.Id,
        Name = _definition.Name,
        Version = _definition.Version,
        Subject = SubjectWords(_definition.Subject),
        Description = _definition.Description,
        Precision = _definition.Precision,
        Links = Links(),
        Raters = _definition.Raters.Select(r => new BookRater(r.Id, r.Label ?? r.Id, r.Weight)).ToList(),
        Inputs = Inputs(),
        Ratings = _definition.Ratings.Select(Rating).ToList(),
        Values = _definition.Values.Select(Value).ToList(),
        Flags = _definition.Flags.Select(f => new BookFlag(f.Id, f.Label ?? f.Id, f.Description)).ToList(),
        Items = Items(),
        Rules = _definition.Rules.Select(Rule).ToList(),
        Levels = Levels(),
        Gates = _definition.Gates.Select(g => new BookGate(g.Id, g.Description, Condition(g.When), LevelName(g.AtBest))).ToList(),
        Vetoes = _definition.Vetoes.Select(v => new BookVeto(v.Id, v.Description, Condition(v.When),
            v.Level is { } level ? LevelName(level) : $"{LevelName(_definition.Levels[^1].Id)}（最低等级）")).ToList(),
        Quotas = _definition.Quotas.Select(Quota).ToList(),
        BottomRankings = _definition.BottomRankings.Select(BottomRanking).ToList(),
        Measures = Measures(),
    };

    public static string SubjectWords(SubjectKind subject) => subject switch
    {
        SubjectKind.Organisation => "党组织",
        SubjectKind.LeadershipTeam => "领导班子",
        _ => "党员",
    };

    // ------------------------------------------------------------------ expressions

    private CheckedExpression? Check(ExpressionSource source, ExprType? expected)
    {
        var errors = new List<ExpressionError>();
        return ExpressionChecker.Check(source.Text, _model.Scope, expected, ExpressionLimits.Default, errors);
    }

    private string InWords(ExpressionSource source, ExprType? expected) =>
        Check(source, expected) is { } checkedExpression
            ? _words.Render(checkedExpression)
            : throw new InvalidOperationException($"方案“{_definition.Id}”的表达式“{source.Text}”无法重新检查 (an expression of a loaded scheme did not check again)");

    private string Condition(ExpressionSource? when) => when is null ? "总是（无条件）" : InWords(when, ExprType.Boolean);

    private string Template(ExpressionSource template)
    {
        var errors = new List<ExpressionError>();
        return MessageTemplate.Check(template.Text, _model.Scope, ExpressionLimits.Default, errors) is { } checkedTemplate
            ? _words.Render(checkedTemplate)
            : throw new InvalidOperationException($"方案“{_definition.Id}”的措施模板无法重新检查 (a measure template of a loaded scheme did not check again)");
    }

    // ------------------------------------------------------------------ names

    private string LevelName(string id) =>
        Words.Quote(_model.Levels.FirstOrDefault(l => l.Id == id)?.DisplayName ?? id);

    private string ItemName(string id) =>
        Words.Quote(_model.Items.FirstOrDefault(i => i.Id == id)?.DisplayName ?? id);

    private string SymbolName(string id) =>
        Words.Quote(_model.Scope.Lookup(id)?.DisplayName ?? id);

    // ------------------------------------------------------------------ sections

    private List<BookLink> Links() =>
        _model.Inputs.Where(i => i.Linked is not null)
            .Select(i => new BookLink(i.Id, i.DisplayName, i.Type == InputType.List, i.Linked!.Id, i.Linked.Name, SubjectWords(i.Linked.Subject)))
            .ToList();

    private List<BookInput> Inputs()
    {
        var inputs = new List<BookInput>();
        foreach (var input in _definition.Inputs)
        {
            inputs.Add(Input(input, input.Label ?? input.Id));
            if (input.Scheme is null)
            {
                inputs.AddRange(input.Fields.Select(f => Input(f, $"{input.Label ?? input.Id}·{f.Label ?? f.Id}")));
            }
        }

        return inputs;
    }

    private BookInput Input(InputDefinition input, string label)
    {
        var linked = input.Scheme is { } id ? _model.Inputs.FirstOrDefault(i => i.Id == input.Id)?.Linked : null;
        var type = input.Type switch
        {
            InputType.Number => "数值",
            InputType.Integer => "整数",
            InputType.Boolean => "是/否",
            InputType.Text => "文本",
            InputType.Enumeration => "选项：" + string.Join(" / ", input.Values),
            InputType.Date => "日期（yyyy-MM-dd）",
            InputType.List when linked is not null => $"{SubjectWords(linked.Subject)}名单，每{(linked.Subject == SubjectKind.Organisation ? "个" : "人")}按《{linked.Name}》评定",
            InputType.List => "名单（字段见下）",
            _ => linked is not null ? $"一个{SubjectWords(linked.Subject)}，按《{linked.Name}》评定" : "关联对象",
        };
        var unit = input.Unit;
        var range = (input.Min, input.Max) switch
        {
            ({ } min, { } max) => Words.Join(Words.Number(min), "–", Words.Number(max), unit ?? string.Empty),
            ({ } min, null) => Words.Join("不少于", Words.Number(min), unit ?? string.Empty),
            (null, { } max) => Words.Join("不超过", Words.Number(max), unit ?? string.Empty),
            _ => "—",
        };
        var @default = Scalar(input.Default, unit)
            ?? (input.Type == InputType.List ? "可不填（视为空名单）" : input.Required ? "必填" : "可不填");
        return new BookInput(input.Id, label, type, unit, range.Replace(" – ", "–", StringComparison.Ordinal), @default, input.Description);
    }

    /// <summary>A default or initial value written in the scheme, in words; null when there is none.</summary>
    private static string? Scalar(JsonScalarNode? node, string? unit) => node?.Value switch
    {
        bool b => b ? "是" : "否",
        long l => Words.Join(Words.Number(l), unit ?? string.Empty),
        double d => Words.Join(Words.Number(d), unit ?? string.Empty),
        string s => Words.Quote(s),
        _ => null,
    };

    private BookRating Rating(RatingDefinition rating)
    {
        var raters = rating.Raters.Count > 0 ? rating.Raters : _definition.Raters;
        var text = string.Join("、", raters.Select(r => $"{r.Label ?? r.Id} {Words.Weight(r.Weight)}"));
        return new BookRating(rating.Id, rating.Label ?? rating.Id, Words.Number(rating.Scale), text, rating.Description);
    }

    private BookValue Value(ValueDefinition value)
    {
        string meaning;
        if (value.Expression is { } expression)
        {
            meaning = InWords(expression, null);
            if (value.Unit is { } unit && Check(expression, null) is { Bound: Expressions.Binding.BoundLiteral } && !meaning.EndsWith('%') && !meaning.StartsWith('“'))
            {
                meaning = Words.Join(meaning, unit);
            }
        }
        else
        {
            var initial = Scalar(value.Initial, value.Unit) ?? "—";
            meaning = $"由规则设定；初始为 {initial}";
        }

        return new BookValue(value.Id, value.Label ?? value.Id, value.Unit, meaning, value.Description);
    }

    private List<BookItem> Items()
    {
        var items = new List<BookItem>();
        void Add(ItemDefinition item, int depth)
        {
            var plan = _model.Items.First(i => i.Id == item.Id);
            string scoring;
            if (item.Items.Count > 0)
            {
                scoring = "各子项得分之和：" + string.Join("、", item.Items.Select(c => c.Label ?? c.Id));
            }
            else if (item.Score is { } score)
            {
                scoring = $"按公式计分：{InWords(score, ExprType.Number)}";
            }
            else
            {
                scoring = item.Style == ItemStyle.Deduct ? "扣分制：从满分起扣，扣完为止" : "加分制：从 0 分起加，加满为止";
            }

            items.Add(new BookItem(item.Id, item.Label ?? item.Id, depth, Words.Join(Words.Number(plan.FullPoints), "分"), scoring, item.Description));
            foreach (var child in item.Items)
            {
                Add(child, depth + 1);
            }
        }

        foreach (var item in _definition.Items)
        {
            Add(item, 0);
        }

        return items;
    }

    private BookRule Rule(RuleDefinition rule) =>
        new(rule.Id, rule.Description, Condition(rule.When), rule.Actions.Select(Action).ToList(), rule.Salience);

    private string Action(ActionDefinition action)
    {
        switch (action.Kind)
        {
            case ActionKind.Award or ActionKind.Deduct:
                var points = Check(action.Expression!, ExprType.Number)!;
                var verb = action.Kind == ActionKind.Award ? "加" : "扣";
                if (_words.Constant(points) is { } constant)
                {
                    // 扣 10 分（扣分：书记空缺）: the number first, the policy constant it comes from after it.
                    var value = constant.Value.EndsWith('分') ? constant.Value : Words.Join(constant.Value, "分");
                    return Words.Join(ItemName(action.Target!), verb, value, $"（{constant.Name}）");
                }

                var words = _words.Render(points);
                return points.Bound is Expressions.Binding.BoundLiteral
                    ? Words.Join(ItemName(action.Target!), verb, words, "分")
                    : Words.Join(ItemName(action.Target!), verb + "分：", words);
            case ActionKind.Set:
                var type = _model.Scope.Lookup(action.Target!)?.Type;
                return Words.Join("将", SymbolName(action.Target!), "设为", InWords(action.Expression!, type));
            case ActionKind.Flag:
                return "标记为" + SymbolName(action.Target!);
            case ActionKind.Force:
                return "直接定为" + LevelName(action.Target!);
            case ActionKind.Cap:
                return "等级最高为" + LevelName(action.Target!);
            case ActionKind.WithholdLevel:
                return "不评定等级";
            default:
                return "提出措施：" + Template(action.Template!);
        }
    }

    private List<BookLevel> Levels()
    {
        var levels = new List<BookLevel>();
        for (var i = 0; i < _definition.Levels.Count; i++)
        {
            var level = _definition.Levels[i];
            var threshold = i == _definition.Levels.Count - 1
                ? "其余情形"
                : level.MinScore is { } min ? Words.Join("总分不低于", Words.Number(min), "分") : "不看总分";
            levels.Add(new BookLevel(level.Id, level.Label ?? level.Id, threshold, level.When is { } when ? Condition(when) : null, level.Description));
        }

        return levels;
    }

    private BookBatchRule Quota(QuotaDefinition quota)
    {
        var group = quota.Within == QuotaPlan.PerOrganisation ? "同一党组织的党员中" : $"同一“{quota.Within}”内";
        var summary = $"{group}，评为{LevelName(quota.Level)}的不超过{Share(quota.Node, quota.Share)}（{Rounding(quota.Rounding)}）；"
            + $"按{RankBy(quota.RankBy)}排名，超出名额的改评下一等级";
        return new BookBatchRule(quota.Id, quota.Description ?? quota.Id, quota.Description, summary);
    }

    private BookBatchRule BottomRanking(BottomRankingDefinition ranking)
    {
        var label = ranking.Label ?? ranking.Id;
        var summary = $"同一“{ranking.Within}”内，按{RankBy(ranking.RankBy)}排名，排在最后{Share(ranking.Node, ranking.Share)}（{Rounding(ranking.Rounding)}）的标记为{Words.Quote(label)}；不改变等级";
        return new BookBatchRule(ranking.Id, label, ranking.Description, summary);
    }

    private static string Share(JsonNode node, double share) =>
        node is JsonObjectNode o && o.Find("share")?.Value is JsonScalarNode { Value: string fraction } ? fraction.Replace(" ", string.Empty, StringComparison.Ordinal) : Words.Percent(share);

    private static string Rounding(QuotaRounding rounding) => rounding switch
    {
        QuotaRounding.Floor => "向下取整",
        QuotaRounding.Round => "四舍五入",
        _ => "向上取整",
    };

    private string RankBy(IReadOnlyList<RankKeyDefinition> keys) =>
        keys.Count == 0
            ? "总分从高到低"
            : string.Join("、", keys.Select(k => (_model.Scope.Lookup(k.Name.Text)?.DisplayName ?? k.Name.Text) + (k.Descending ? "（从高到低）" : "（从低到高）")));

    private List<BookMeasure> Measures() =>
        _definition.Rules
            .SelectMany(rule => rule.Actions.Where(a => a.Kind == ActionKind.Measure)
                .Select(a => new BookMeasure(rule.Id, rule.Description ?? rule.Id, Condition(rule.When), Template(a.Template!))))
            .ToList();
}
