using System.Collections;
using System.Globalization;
using GradingEngine.RuleModel;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Grading;

/// <summary>
/// Fills a frame from a subject's input (a JSON object or a dictionary), checking every value against the scheme's
/// input declarations: unknown fields, wrong types, values out of range, missing required values. Fields are
/// matched by id or by Chinese label; a rating's rater scores can be given flat (<c>"政治素质好.自评": 90</c>) or
/// nested (<c>"政治素质好": { "自评": 90 }</c>). Immutable and thread-safe.
/// </summary>
internal sealed class SubjectBinder
{
    /// <summary>The field that carries the subject's own id; not an input of any scheme.</summary>
    public const string IdField = "id";

    private readonly RecordBinder _root;

    /// <param name="plan">The scheme whose inputs are bound.</param>
    /// <param name="linkedScheme">The scheme (with its back end) that grades the children of a linked input.</param>
    public SubjectBinder(CheckedScheme plan, Func<CheckedScheme, GradingScheme> linkedScheme)
    {
        _root = new RecordBinder(plan.Inputs, plan.Layout, linkedScheme);
    }

    public bool TryBind(IReadOnlyDictionary<string, object?> values, FactFrame frame, List<InputProblem> problems, out string? subjectId)
    {
        subjectId = null;
        if (values.TryGetValue(IdField, out var id) && id is not null)
        {
            subjectId = System.Convert.ToString(id, CultureInfo.InvariantCulture);
        }

        frame.SubjectId = subjectId;
        var before = problems.Count;
        _root.Bind(values, frame, string.Empty, problems, allowId: true);
        return problems.Count == before;
    }

    /// <summary>Converts a JSON object to plain dictionaries, lists and scalars.</summary>
    public static IReadOnlyDictionary<string, object?> FromJson(JObject json)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in json.Properties())
        {
            result[property.Name] = FromToken(property.Value);
        }

        return result;
    }

    private static object? FromToken(JToken token) => token switch
    {
        JObject o => FromJson(o),
        JArray a => a.Select(FromToken).ToList(),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue v => v.Value,
        _ => token.ToString(),
    };

    private sealed class RecordBinder
    {
        private readonly IReadOnlyList<InputPlan> _inputs;
        private readonly FactLayout _layout;
        private readonly Dictionary<string, int> _byName;
        private readonly Dictionary<string, Dictionary<string, int>> _ratings = new(StringComparer.Ordinal);
        private readonly Dictionary<int, RecordBinder> _children = [];

        private readonly Func<CheckedScheme, GradingScheme>? _linkedScheme;

        public RecordBinder(IReadOnlyList<InputPlan> inputs, FactLayout layout, Func<CheckedScheme, GradingScheme>? linkedScheme = null)
        {
            _linkedScheme = linkedScheme;
            _inputs = inputs;
            _layout = layout;
            _byName = InputText.Names(inputs);
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                if (input.RatingId is { } rating)
                {
                    var label = input.Label ?? input.Id;
                    var ratingLabel = label[..label.IndexOf('·', StringComparison.Ordinal)];
                    var raterLabel = label[(label.IndexOf('·', StringComparison.Ordinal) + 1)..];
                    foreach (var key in new[] { rating, ratingLabel })
                    {
                        if (!_ratings.TryGetValue(key, out var raters))
                        {
                            _ratings[key] = raters = new Dictionary<string, int>(StringComparer.Ordinal);
                        }

                        raters.TryAdd(input.RaterId!, i);
                        raters.TryAdd(raterLabel, i);
                    }
                }

                if (input.ChildLayout is { } childLayout)
                {
                    _children[i] = new RecordBinder(input.Fields, childLayout);
                }
            }
        }

        public void Bind(IReadOnlyDictionary<string, object?> values, FactFrame frame, string path, List<InputProblem> problems, bool allowId)
        {
            var seen = new bool[_inputs.Count];
            foreach (var (name, value) in values)
            {
                if (allowId && name == IdField)
                {
                    continue;
                }

                if (_byName.TryGetValue(name, out var index))
                {
                    Store(index, value, frame, path + name, problems, seen);
                }
                else if (_ratings.TryGetValue(name, out var raters) && value is IReadOnlyDictionary<string, object?> nested)
                {
                    foreach (var (rater, score) in nested)
                    {
                        if (raters.TryGetValue(rater, out var raterIndex))
                        {
                            Store(raterIndex, score, frame, $"{path}{name}.{rater}", problems, seen);
                        }
                        else
                        {
                            problems.Add(new InputProblem($"{path}{name}.{rater}", $"未知的评价主体“{rater}” (unknown rater)"));
                        }
                    }
                }
                else
                {
                    var suggestion = Diagnostics.Suggestions.Closest(name, _byName.Keys);
                    var hint = suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？";
                    problems.Add(new InputProblem(path + name, $"方案未声明该字段{hint} (unknown field)"));
                }
            }

            for (var i = 0; i < _inputs.Count; i++)
            {
                if (seen[i])
                {
                    continue;
                }

                var input = _inputs[i];
                if (input.Type == InputType.Subject && !input.Required)
                {
                    input.ClearLinked(frame);
                }
                else if (input.Type == InputType.List)
                {
                    frame.Lists[input.Slot.Index] = [];
                }
                else if (input.Default is { } d)
                {
                    StoreConverted(input, d, frame);
                }
                else
                {
                    problems.Add(new InputProblem(path + input.Id, $"缺少必需的值“{input.DisplayName}” (required value missing)"));
                }
            }
        }

        private void Store(int index, object? value, FactFrame frame, string path, List<InputProblem> problems, bool[] seen)
        {
            var input = _inputs[index];
            if (seen[index])
            {
                problems.Add(new InputProblem(path, $"“{input.DisplayName}”重复给出 (given twice, by id and by label)"));
                return;
            }

            seen[index] = true;
            if (value is null)
            {
                seen[index] = false; // treated as absent: default or "required" below
                return;
            }

            if (input.Linked is { } linked)
            {
                BindLinked(_linkedScheme!(linked), input, value, frame, path, problems);
                return;
            }

            if (input.Type == InputType.List)
            {
                BindList(index, input, value, frame, path, problems);
                return;
            }

            if (!TryStore(input, value, frame, out var problem))
            {
                problems.Add(new InputProblem(path, problem!));
            }
        }

        private void BindList(int index, InputPlan input, object value, FactFrame frame, string path, List<InputProblem> problems)
        {
            if (value is string || value is not IEnumerable items)
            {
                problems.Add(new InputProblem(path, $"“{input.DisplayName}”应为对象数组 (must be an array of objects)"));
                return;
            }

            var child = _children[index];
            var frames = new List<FactFrame>();
            var n = 0;
            foreach (var item in items)
            {
                var itemPath = $"{path}[{n++}].";
                if (item is not IReadOnlyDictionary<string, object?> record)
                {
                    problems.Add(new InputProblem(itemPath.TrimEnd('.'), "应为对象 (must be an object)"));
                    continue;
                }

                var childFrame = child._layout.NewFrame();
                child.Bind(record, childFrame, itemPath, problems, allowId: true);
                frames.Add(childFrame);
            }

            frame.Lists[input.Slot.Index] = [.. frames];
        }

        /// <summary>Grades each linked child with its own scheme; the child frames are kept for aggregation and results.</summary>
        private static void BindLinked(GradingScheme linked, InputPlan input, object value, FactFrame frame, string path, List<InputProblem> problems)
        {
            if (input.Type == InputType.Subject)
            {
                if (value is not IReadOnlyDictionary<string, object?> record)
                {
                    problems.Add(new InputProblem(path, $"“{input.DisplayName}”应为对象 (must be an object)"));
                    return;
                }

                if (linked.TryEvaluate(record, path + ".", problems) is { } child)
                {
                    input.TakeLinked(frame, child);

                    frame.Lists[input.Slot.Index] = [child];
                }

                return;
            }

            if (value is string || value is not IEnumerable items)
            {
                problems.Add(new InputProblem(path, $"“{input.DisplayName}”应为对象数组 (must be an array of objects)"));
                return;
            }

            var frames = new List<FactFrame>();
            var n = 0;
            foreach (var item in items)
            {
                var itemPath = $"{path}[{n++}]";
                if (item is not IReadOnlyDictionary<string, object?> record)
                {
                    problems.Add(new InputProblem(itemPath, "应为对象 (must be an object)"));
                }
                else if (linked.TryEvaluate(record, itemPath + ".", problems) is { } child)
                {
                    frames.Add(child);
                }
            }

            linked.ApplyQuotas(frames);
            frame.Lists[input.Slot.Index] = [.. frames];
        }

        private static void StoreConverted(InputPlan input, object value, FactFrame frame)
        {
            switch (input.Slot.Kind)
            {
                case StorageKind.Number:
                    frame.Numbers[input.Slot.Index] = (double)value;
                    break;
                case StorageKind.Boolean:
                    frame.Booleans[input.Slot.Index] = (bool)value;
                    break;
                case StorageKind.Text:
                    frame.Texts[input.Slot.Index] = (string)value;
                    break;
            }
        }
    }

    /// <summary>Converts a raw value (from JSON, a dictionary or a text cell) to the stored form of an input.</summary>
    public static bool Convert(InputPlan input, object value, out object? converted, out string? problem)
    {
        var fault = Convert(input, value, out var number, out var flag, out var text);
        if (fault != Fault.None)
        {
            converted = null;
            problem = Message(fault, input, value, number);
            return false;
        }

        converted = input.Type switch
        {
            InputType.Boolean => flag,
            InputType.Text => text,
            _ => (object)number,
        };
        problem = null;
        return true;
    }

    /// <summary>
    /// Converts a raw value and stores it in the input's slot, without boxing the stored form; false (and nothing
    /// stored) when the value does not fit, with the same message as <see cref="Convert(InputPlan, object, out object?, out string?)"/>.
    /// </summary>
    public static bool TryStore(InputPlan input, object value, FactFrame frame, out string? problem)
    {
        var fault = Convert(input, value, out var number, out var flag, out var text);
        if (fault != Fault.None)
        {
            problem = Message(fault, input, value, number);
            return false;
        }

        switch (input.Slot.Kind)
        {
            case StorageKind.Number:
                frame.Numbers[input.Slot.Index] = number;
                break;
            case StorageKind.Boolean:
                frame.Booleans[input.Slot.Index] = flag;
                break;
            case StorageKind.Text:
                frame.Texts[input.Slot.Index] = text!;
                break;
        }

        problem = null;
        return true;
    }

    /// <summary>Why a value does not fit its input (the message is only written when there is one).</summary>
    private enum Fault
    {
        None,
        NumberText,
        Number,
        Finite,
        Whole,
        Range,
        Boolean,
        Text,
        Allowed,
        Date,
        List,
    }

    /// <summary>
    /// The conversion itself: a number, date or enumeration ordinal in <paramref name="number"/>, a boolean in
    /// <paramref name="flag"/>, a text in <paramref name="text"/>, as the input's type says. No message is formatted
    /// here, so the common path carries none of a message's cost.
    /// </summary>
    private static Fault Convert(InputPlan input, object value, out double number, out bool flag, out string? text)
    {
        number = 0;
        flag = false;
        text = null;
        switch (input.Type)
        {
            case InputType.Number or InputType.Integer:
            {
                if (value is int whole)
                {
                    number = whole; // what IConvertible.ToDouble gives, without the interface call
                }
                else if (value is double real)
                {
                    number = real;
                }
                else if (value is string s)
                {
                    if (!InputText.TryParseNumber(s.AsSpan().Trim(), out number))
                    {
                        return Fault.NumberText;
                    }
                }
                else if (value is IConvertible c && value is not bool and not DateTime)
                {
                    number = c.ToDouble(CultureInfo.InvariantCulture);
                }
                else
                {
                    return Fault.Number;
                }

                if (!double.IsFinite(number))
                {
                    return Fault.Finite;
                }

                if (input.Type == InputType.Integer && number != Math.Floor(number))
                {
                    return Fault.Whole;
                }

                return number < (input.Min ?? double.NegativeInfinity) || number > (input.Max ?? double.PositiveInfinity) ? Fault.Range : Fault.None;
            }

            case InputType.Boolean:
                switch (value)
                {
                    case bool b:
                        flag = b;
                        return Fault.None;
                    case string s when s.AsSpan().Trim().Length == 0:
                        flag = false; // an empty text cell reads as 否
                        return Fault.None;
                    case string s when InputText.TryParseBoolean(s.AsSpan().Trim(), out var parsed):
                        flag = parsed;
                        return Fault.None;
                    default:
                        return Fault.Boolean;
                }

            case InputType.Text:
                text = value as string;
                return text is null ? Fault.Text : Fault.None;

            case InputType.Enumeration:
            {
                var s = value as string;
                var ordinal = s is null ? -1 : input.ExprType.OrdinalOf(s.Trim());
                number = ordinal;
                return ordinal < 0 ? Fault.Allowed : Fault.None;
            }

            case InputType.Date:
            {
                DateOnly date;
                switch (value)
                {
                    case DateOnly d:
                        date = d;
                        break;
                    case DateTime dt:
                        date = DateOnly.FromDateTime(dt);
                        break;
                    case string s when InputText.TryParseDate(s.AsSpan().Trim(), out var parsed):
                        date = parsed;
                        break;
                    default:
                        return Fault.Date;
                }

                number = date.DayNumber;
                return Fault.None;
            }

            default:
                return Fault.List;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Message(Fault fault, InputPlan input, object value, double number) => fault switch
    {
        Fault.NumberText => $"“{value}”不是数值 (not a number)",
        Fault.Number => $"应为数值，实为 {Describe(value)} (must be a number)",
        Fault.Finite => "不是有限数值 (not a finite number)",
        Fault.Whole => $"{Fmt(number)} 不是整数 (must be a whole number)",
        Fault.Range => $"{Fmt(number)} 超出范围 [{(input.Min is { } lo ? Fmt(lo) : "-∞")}, {(input.Max is { } hi ? Fmt(hi) : "∞")}] (out of range)",
        Fault.Boolean => $"应为 true/false（是/否），实为 {Describe(value)} (must be true or false)",
        Fault.Text => $"应为文本，实为 {Describe(value)} (must be text)",
        Fault.Allowed => $"“{value}”不是允许的值（{string.Join("、", input.EnumValues)}） (not one of the allowed values)",
        Fault.Date => $"“{value}”不是日期（应为 yyyy-MM-dd） (not a date; use yyyy-MM-dd)",
        _ => "列表不能用单个值给出 (a list cannot be given as a single value)",
    };

    private static string Describe(object value) => value switch
    {
        string s => $"文本“{s}”",
        bool b => b ? "true" : "false",
        IEnumerable => "数组或对象",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Fmt(double value) => Expressions.ValueFormatter.FormatNumber(value);
}

/// <summary>One problem with a subject's input.</summary>
/// <param name="Field">The field, e.g. <c>党员[3].年龄</c>.</param>
/// <param name="Message">What is wrong, in Chinese with an English gloss.</param>
public sealed record InputProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Thrown when a subject's input does not fit the scheme; carries every problem found.</summary>
public sealed class SubjectInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubjectInputException(string? subjectId, IReadOnlyList<InputProblem> problems)
        : base($"输入不符合方案 (the input does not fit the scheme){(subjectId is null ? string.Empty : $" [{subjectId}]")}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        SubjectId = subjectId;
        Problems = problems;
    }

    /// <summary>The subject's id, if the input had one.</summary>
    public string? SubjectId { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}
