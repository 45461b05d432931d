using GradingEngine.Diagnostics;

namespace GradingEngine.Schemes.Json;

/// <summary>
/// Reads the properties of one JSON object for the scheme reader. Every property asked for is remembered, so
/// that <see cref="Finish"/> can report the rest as unknown, with a suggestion from the known names.
/// </summary>
internal sealed class ObjectReader
{
    private readonly JsonObjectNode _node;
    private readonly DiagnosticBag _bag;
    private readonly string _what;
    private readonly List<string> _known = [];

    private ObjectReader(JsonObjectNode node, DiagnosticBag bag, string what)
    {
        _node = node;
        _bag = bag;
        _what = what;
    }

    public JsonObjectNode Node => _node;

    /// <summary>The English word for what an object describes, for the gloss of a message (<c>输入项</c> → <c>input</c>).</summary>
    public static string English(string what) => what switch
    {
        "方案" => "scheme",
        "标记" => "flag",
        "等级" => "level",
        "闸门" => "gate",
        "一票否决" => "veto",
        "名额" => "quota",
        "末位排名" => "bottom ranking",
        "评价主体" => "rater",
        "子项字段" => "list field",
        "输入项" => "input",
        "评价项" => "rating",
        "计算值" => "value",
        "评分项" => "item",
        "规则" => "rule",
        "动作" => "action",
        "可设置的值" => "value set by rules",
        _ => what,
    };

    /// <summary>Starts reading <paramref name="node"/> as an object describing <paramref name="what"/>; reports and returns null if it is not an object.</summary>
    public static ObjectReader? For(JsonNode node, DiagnosticBag bag, string what)
    {
        if (node is JsonObjectNode o)
        {
            return new ObjectReader(o, bag, what);
        }

        bag.Add(DiagnosticCodes.InvalidValue, $"{what}应为 JSON 对象，实为 {node.KindName} (a {English(what)} must be an object, not {node.KindName})", node.Location(bag.File));
        return null;
    }

    public JsonNode? Get(string name)
    {
        _known.Add(name);
        return _node.Find(name)?.Value;
    }

    public JsonNode? Required(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            _bag.Add(DiagnosticCodes.MissingProperty, $"{_what}缺少必需属性“{name}” (the {English(_what)} is missing required property '{name}')", _node.Location(_bag.File));
        }

        return node;
    }

    public string? String(string name, bool required = false)
    {
        var node = required ? Required(name) : Get(name);
        return node is null ? null : AsString(node);
    }

    public string? AsString(JsonNode node)
    {
        if (node is JsonScalarNode { Kind: JsonScalarKind.String, Value: string s })
        {
            if (s.Length == 0)
            {
                Invalid(node, "不能为空字符串", "must not be empty");
                return null;
            }

            return s;
        }

        Invalid(node, $"应为字符串，实为 {node.KindName}", $"must be a string, not {node.KindName}");
        return null;
    }

    /// <summary>
    /// A number within ±<paramref name="limit"/> (default ±2^53, see <see cref="SchemeLimits"/>); reports anything
    /// else, infinities and numbers too large to hold exactly included.
    /// </summary>
    public double? Number(string name, bool required = false, double limit = SchemeLimits.MaxExact)
    {
        var node = required ? Required(name) : Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonScalarNode { Kind: JsonScalarKind.Integer or JsonScalarKind.Float } n)
        {
            Invalid(node, $"应为数值，实为 {node.KindName}", $"must be a number, not {node.KindName}");
            return null;
        }

        var value = Convert.ToDouble(n.Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!InRange(n, limit))
        {
            var shown = limit.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            Invalid(node, $"超出允许范围：应为 -{shown} 到 {shown} 之间的有限数值", $"is out of range: it must be a finite number from -{shown} to {shown}");
            return null;
        }

        return value;
    }

    /// <summary>Whether a JSON number is finite, within ±<paramref name="limit"/> and, if written as an integer, held exactly.</summary>
    public static bool InRange(JsonScalarNode number, double limit = SchemeLimits.MaxExact) => number.Value switch
    {
        long whole => whole is >= -(long)SchemeLimits.MaxExact and <= (long)SchemeLimits.MaxExact && Math.Abs((double)whole) <= limit,
        double d => double.IsFinite(d) && Math.Abs(d) <= limit,
        _ => false,
    };

    public int? Integer(string name, int min, int max)
    {
        var value = Number(name);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || value < min || value > max)
        {
            Invalid(Get(name)!, $"应为 {min} 到 {max} 之间的整数", $"must be a whole number from {min} to {max}");
            return null;
        }

        return (int)value.Value;
    }

    public bool? Boolean(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonScalarNode { Kind: JsonScalarKind.Boolean, Value: bool b })
        {
            return b;
        }

        Invalid(node, $"应为 true 或 false，实为 {node.KindName}", $"must be true or false, not {node.KindName}");
        return null;
    }

    /// <summary>An expression or template: a string, remembered with its node for positions inside it.</summary>
    public ExpressionSource? Expression(string name, bool required = false)
    {
        var node = required ? Required(name) : Get(name);
        if (node is null)
        {
            return null;
        }

        var text = AsString(node);
        return text is null ? null : new ExpressionSource(text, (JsonScalarNode)node);
    }

    /// <summary>The items of an array property; reports a non-array.</summary>
    public IReadOnlyList<JsonNode> Array(string name, bool required = false)
    {
        var node = required ? Required(name) : Get(name);
        switch (node)
        {
            case null:
                return [];
            case JsonArrayNode a:
                return a.Items;
            default:
                Invalid(node, $"应为数组，实为 {node.KindName}", $"must be an array, not {node.KindName}");
                return [];
        }
    }

    /// <summary>The strings of an array property with the node of each, for positions; reports anything else.</summary>
    public IReadOnlyList<(string Text, JsonNode Node)> StringArray(string name)
    {
        var result = new List<(string, JsonNode)>();
        foreach (var item in Array(name))
        {
            if (AsString(item) is { } s)
            {
                result.Add((s, item));
            }
        }

        return result;
    }

    /// <summary>One of a closed set of words; reports anything else with the allowed words.</summary>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var node = required ? Required(name) : Get(name);
        if (node is null || AsString(node) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", choices.Keys);
        Invalid(node, $"“{text}”不是允许的值；可用：{allowed}", $"'{text}' is not allowed; use one of: {allowed}");
        return null;
    }

    public void Invalid(JsonNode node, string chinese, string english) =>
        _bag.Add(DiagnosticCodes.InvalidValue, $"{_what}的“{LastSegment(node.Path)}”{chinese} ({English(_what)} '{LastSegment(node.Path)}' {english})", node.Location(_bag.File));

    /// <summary>Reports every property that was never asked for.</summary>
    public void Finish()
    {
        foreach (var property in _node.Properties)
        {
            if (_known.Contains(property.Name) || property.Name is "$comment" or "$schema")
            {
                continue;
            }

            var suggestion = Suggestions.Closest(property.Name, _known);
            var hint = suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？";
            var hintEn = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
            _bag.Add(DiagnosticCodes.UnknownProperty,
                $"{_what}中有未知属性“{property.Name}”{hint} (unknown property '{property.Name}' in the {English(_what)}{hintEn})",
                new SourceLocation(property.Value.File ?? _bag.File, property.Line, property.Column, property.Value.Path));
        }
    }

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot >= 0 ? path[(dot + 1)..] : path;
    }
}
