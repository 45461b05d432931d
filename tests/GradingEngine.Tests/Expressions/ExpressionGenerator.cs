using System.Globalization;
using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

/// <summary>
/// Generates random, well-typed expression texts over <see cref="Schema"/>: every operator, function and
/// aggregation, nested aggregations whose bodies refer to outer values, the three quote styles, keyword
/// spellings and full-width punctuation. Also generates random frames with empty lists, zero divisors and
/// .5 rounding cases.
/// </summary>
internal sealed class ExpressionGenerator(int seed)
{
    internal enum Kind
    {
        Number,
        Integer,
        Boolean,
        Text,
        Date,
        Grade,
        Category,
    }

    private sealed record Field(string Name, string Text, Kind? Kind, Level? List = null);

    private sealed record Level(string Name, Field[] Fields);

    private static readonly Level RewardLevel = new("奖励", [new("分值", "分值", Kind.Number)]);

    private static readonly Level MemberLevel = new("党员",
    [
        new("得分", "得分", Kind.Number),
        new("处分", "处分", Kind.Boolean),
        new("年龄", "年龄", Kind.Integer),
        new("等级", "等级", Kind.Grade),
        new("姓名", "姓名", Kind.Text),
        new("入党日期", "入党日期", Kind.Date),
        new("奖励", "奖励", null, RewardLevel),
    ]);

    private static readonly Level TopLevel = new("支部",
    [
        new("出勤率", "出勤率", Kind.Number),
        new("考核分", "考核分", Kind.Number),
        new("x", "x", Kind.Number),
        new("y", "y", Kind.Number),
        new("工作实绩", "工作实绩", Kind.Number),
        new("工作实绩", "工作实绩.他评", Kind.Number),
        new("政治素质好", "政治素质好.自评", Kind.Number),
        new("政治素质好", "政治素质好.群众评", Kind.Number),
        new("政治素质好", "政治素质好.领导评", Kind.Number),
        new("score-2024", "`score-2024`", Kind.Number),
        new("三会一课次数", "三会一课次数", Kind.Integer),
        new("支部委员会次数", "支部委员会次数", Kind.Integer),
        new("党员人数", "党员人数", Kind.Integer),
        new("n", "n", Kind.Integer),
        new("已换届", "已换届", Kind.Boolean),
        new("有违纪", "有违纪", Kind.Boolean),
        new("b", "b", Kind.Boolean),
        new("书记姓名", "书记姓名", Kind.Text),
        new("等级", "等级", Kind.Grade),
        new("类别", "类别", Kind.Category),
        new("成立日期", "成立日期", Kind.Date),
        new("换届日期", "换届日期", Kind.Date),
        new("党员", "党员", null, MemberLevel),
    ]);

    private static readonly string[] NumberLiterals = ["0", "1", "2.5", "0.5", "12.5", "90%", "3", "0.1", "1.005", "2.675", "0.25", "100"];
    private static readonly string[] IntegerLiterals = ["0", "1", "2", "3", "12", "100", "7"];
    private static readonly string[] TextLiterals = ["'张三'", "\"王芳\"", "“a”", "‘A’", "''", "'甲'"];
    private static readonly string[] DateLiterals = ["date('2024-01-31')", "date('2024-02-29')", "date('2024-03-01')", "date(\"2023-12-31\")", "date('2024-06-30')"];
    private static readonly string[] Grades = ["好", "较好", "一般", "较差"];
    private static readonly string[] Categories = ["先进", "合格", "不合格"];
    private static readonly string[] NumericComparisons = ["==", "=", "!=", "<>", "<", "<=", ">", ">=", "＞＝", "＜"];

    private readonly Random _random = new(seed);
    private readonly List<Level> _levels = [TopLevel];

    /// <summary>A random expression of the given kind, at most <paramref name="depth"/> levels of operators deep.</summary>
    public string Generate(Kind kind, int depth) => Gen(kind, depth);

    public Kind RandomKind() => Pick([Kind.Number, Kind.Number, Kind.Integer, Kind.Boolean, Kind.Boolean, Kind.Date, Kind.Text, Kind.Grade]);

    private string Gen(Kind kind, int depth)
    {
        if (depth <= 0 || Chance(0.2))
        {
            return Leaf(kind);
        }

        var d = depth - 1;
        return kind switch
        {
            Kind.Number => GenNumber(d),
            Kind.Integer => GenInteger(d),
            Kind.Boolean => GenBoolean(d),
            Kind.Date => GenDate(d),
            Kind.Text => $"if {P(Kind.Boolean, d)} then {P(Kind.Text, d)} else {P(Kind.Text, d)}",
            Kind.Grade => _random.Next(3) switch
            {
                0 => $"if {P(Kind.Boolean, d)} then {P(Kind.Grade, d)} else {Quote(Pick(Grades))}",
                1 => $"if {P(Kind.Boolean, d)} then {Quote(Pick(Grades))} else {P(Kind.Grade, d)}",
                _ => $"if {P(Kind.Boolean, d)} then {P(Kind.Grade, d)} else {P(Kind.Grade, d)}",
            },
            _ => Leaf(kind),
        };
    }

    /// <summary>A parenthesised sub-expression.</summary>
    private string P(Kind kind, int depth) => Chance(0.05) ? $"（{Gen(kind, depth)}）" : $"({Gen(kind, depth)})";

    private string GenNumber(int d)
    {
        switch (_random.Next(16))
        {
            case 0: return $"{P(Kind.Number, d)} + {P(Kind.Number, d)}";
            case 1: return $"{P(Kind.Number, d)} - {P(Kind.Integer, d)}";
            case 2: return $"{P(Kind.Number, d)} * {P(Kind.Number, d)}";
            case 3: return $"{P(Kind.Number, d)} / {P(Kind.Number, d)}";
            case 4: return $"{P(Kind.Integer, d)} / {P(Kind.Integer, d)}";
            case 5: return $"-{P(Kind.Number, d)}";
            case 6: return $"if {P(Kind.Boolean, d)} then {P(Kind.Number, d)} else {P(Kind.Integer, d)}";
            case 7: return Call("min", Args(Kind.Number, d, 2 + _random.Next(2)));
            case 8: return Call("MAX", Args(Kind.Number, d, 2 + _random.Next(2)));
            case 9: return Call("clamp", [P(Kind.Number, d), P(Kind.Number, d), P(Kind.Number, d)]);
            case 10: return Call("abs", [P(Kind.Number, d)]);
            case 11: return Call("round", [P(Kind.Number, d), _random.Next(0, 4).ToString(CultureInfo.InvariantCulture)]);
            case 12: return Aggregate(Pick(["sum", "avg", "min", "max", "Avg"]), Kind.Number, d) ?? GenInteger(d);
            case 13: return Aggregate("avg", Kind.Integer, d) ?? Leaf(Kind.Number);
            default: return GenInteger(d);
        }
    }

    private string GenInteger(int d)
    {
        switch (_random.Next(17))
        {
            case 0: return $"{P(Kind.Integer, d)} + {P(Kind.Integer, d)}";
            case 1: return $"{P(Kind.Integer, d)} - {P(Kind.Integer, d)}";
            case 2: return $"{P(Kind.Integer, d)} * {P(Kind.Integer, d)}";
            case 3: return $"-{P(Kind.Integer, d)}";
            case 4: return Call(Pick(["round", "ROUND"]), [P(Kind.Number, d)]);
            case 5: return Call("floor", [P(Kind.Number, d)]);
            case 6: return Call("ceil", [P(Kind.Number, d)]);
            case 7: return Call("abs", [P(Kind.Integer, d)]);
            case 8: return Call(Pick(["min", "max"]), Args(Kind.Integer, d, 2 + _random.Next(2)));
            case 9: return Call("clamp", [P(Kind.Integer, d), P(Kind.Integer, d), P(Kind.Integer, d)]);
            case 10: return List() is { } list ? Call("count", [list.Text]) : Leaf(Kind.Integer);
            case 11: return Aggregate("count", Kind.Boolean, d) ?? Leaf(Kind.Integer);
            case 12: return Aggregate(Pick(["sum", "min", "max"]), Kind.Integer, d) ?? Leaf(Kind.Integer);
            case 13: return Call(Pick(["daysBetween", "monthsBetween", "daysbetween", "MonthsBetween"]), [P(Kind.Date, d), P(Kind.Date, d)]);
            case 14: return Call(Pick(["year", "month"]), [P(Kind.Date, d)]);
            default: return $"if {P(Kind.Boolean, d)} then {P(Kind.Integer, d)} else {P(Kind.Integer, d)}";
        }
    }

    private string GenBoolean(int d)
    {
        switch (_random.Next(20))
        {
            case 0:
            case 1: return $"{P(Kind.Number, d)} {Pick(NumericComparisons)} {P(Kind.Number, d)}";
            case 2: return $"{P(Kind.Date, d)} {Pick(NumericComparisons)} {P(Kind.Date, d)}";
            case 3: return $"{P(Kind.Text, d)} {Pick(["==", "!=", "=", "<>"])} {P(Kind.Text, d)}";
            case 4: return Chance(0.5)
                ? $"{P(Kind.Grade, d)} {Pick(["==", "!="])} {Quote(Pick(Grades))}"
                : $"{Quote(Pick(Grades))} {Pick(["==", "<>"])} {P(Kind.Grade, d)}";
            case 5: return $"{P(Kind.Grade, d)} == {P(Kind.Grade, d)}";
            case 6: return $"{P(Kind.Boolean, d)} {Pick(["==", "!="])} {P(Kind.Boolean, d)}";
            case 7:
            case 8: return $"{P(Kind.Boolean, d)} {Pick(["and", "AND", "&&", "or", "Or", "||"])} {P(Kind.Boolean, d)}";
            case 9: return $"{Pick(["not ", "NOT ", "!"])}{P(Kind.Boolean, d)}";
            case 10: return $"{P(Kind.Number, d)} {Pick(["in", "not in", "IN"])} [{string.Join(", ", Args(Kind.Number, d, 1 + _random.Next(3)))}]";
            case 11: return $"{P(Kind.Text, d)} {Pick(["in", "not in"])} [{string.Join(", ", Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Pick(TextLiterals)))}]";
            case 12: return $"{P(Kind.Grade, d)} {Pick(["in", "not in"])} [{string.Join(", ", Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Quote(Pick(Grades))))}]";
            case 13: return $"{P(Kind.Number, d)} {Pick(["between", "BETWEEN"])} {P(Kind.Number, d)} and {P(Kind.Number, d)}";
            case 14: return $"{P(Kind.Date, d)} between {P(Kind.Date, d)} and {P(Kind.Date, d)}";
            case 15:
            case 16: return Aggregate(Pick(["any", "all", "ANY"]), Kind.Boolean, d) ?? Leaf(Kind.Boolean);
            case 17: return Visible(Kind.Category).Any() ? $"类别 {Pick(["==", "!="])} {Quote(Pick(Categories))}" : Leaf(Kind.Boolean);
            default: return $"if {P(Kind.Boolean, d)} then {P(Kind.Boolean, d)} else {P(Kind.Boolean, d)}";
        }
    }

    private string GenDate(int d) => _random.Next(4) switch
    {
        0 => $"if {P(Kind.Boolean, d)} then {P(Kind.Date, d)} else {P(Kind.Date, d)}",
        1 => Call(Pick(["min", "max"]), Args(Kind.Date, d, 2)),
        2 => Aggregate(Pick(["min", "max"]), Kind.Date, d) ?? Leaf(Kind.Date),
        _ => Leaf(Kind.Date),
    };

    private string Leaf(Kind kind)
    {
        var names = Visible(kind).ToList();
        if (kind == Kind.Category && names.Count == 0)
        {
            return Leaf(Kind.Grade);
        }

        if (names.Count > 0 && (Chance(0.6) || kind is Kind.Grade or Kind.Category))
        {
            return Pick(names).Text;
        }

        return kind switch
        {
            Kind.Number => Chance(0.3) ? Leaf(Kind.Integer) : Pick(NumberLiterals),
            Kind.Integer => Pick(IntegerLiterals),
            Kind.Boolean => Pick(["true", "false", "TRUE"]),
            Kind.Text => Pick(TextLiterals),
            Kind.Date => Pick(DateLiterals),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>An aggregation whose body has the given kind, or null if no list is in reach or nesting is deep enough.</summary>
    private string? Aggregate(string function, Kind bodyKind, int d)
    {
        if (_levels.Count > 2 || List() is not { } list)
        {
            return null;
        }

        _levels.Add(list.List!);
        var body = Gen(bodyKind, Math.Min(d, 3));
        _levels.RemoveAt(_levels.Count - 1);
        return Call(function, [list.Text, body]);
    }

    private Field? List()
    {
        var lists = VisibleFields().Where(f => f.List is not null).ToList();
        return lists.Count == 0 ? null : Pick(lists);
    }

    /// <summary>Fields in reach: the innermost level first, outer names hidden by inner ones of the same name.</summary>
    private IEnumerable<Field> VisibleFields()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = _levels.Count - 1; i >= 0; i--)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in _levels[i].Fields)
            {
                if (!taken.Contains(field.Name))
                {
                    names.Add(field.Name);
                    yield return field;
                }
            }

            taken.UnionWith(names);
        }
    }

    private IEnumerable<Field> Visible(Kind kind) => VisibleFields().Where(f => f.Kind == kind);

    private string[] Args(Kind kind, int d, int count) => Enumerable.Range(0, count).Select(_ => P(kind, d)).ToArray();

    private string Call(string name, string[] args) => $"{name}({string.Join(Chance(0.1) ? "，" : ", ", args)})";

    private string Quote(string value) => _random.Next(4) switch
    {
        0 => $"'{value}'",
        1 => $"\"{value}\"",
        2 => $"“{value}”",
        _ => $"‘{value}’",
    };

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    // ------------------------------------------------------------------ frames

    private static readonly double[] NumberPool = [0, 0, 1, -1, 0.5, -0.5, 2.5, -2.5, 1.005, 2.675, 12.5, 85.5, 100, 1e-9, 0.1, 3.5];
    private static readonly string[] TextPool = ["", "张三", "王芳", "a", "A", "甲"];
    private static readonly string[] DatePool = ["2024-01-31", "2024-02-29", "2024-03-01", "2023-12-31", "2024-06-30", "2020-05-15"];

    /// <summary>
    /// A random frame for <see cref="Schema.Top"/>. Variant 0 has an empty member list and many zeros; variant 1
    /// has members without rewards; others are fully random.
    /// </summary>
    public FactFrame Frame(int variant)
    {
        var frame = Schema.NewFrame();
        Fill(frame, Schema.Top, zeros: variant == 0);
        var members = variant == 0 ? 0 : _random.Next(0, 5);
        frame.SetMembers(Enumerable.Range(0, members).Select(_ =>
        {
            var child = Schema.Member.NewFrame();
            Fill(child, Schema.Member, zeros: false);
            var rewards = variant == 1 ? 0 : _random.Next(0, 4);
            child.Set(Schema.Member, "奖励", Enumerable.Range(0, rewards).Select(_ =>
            {
                var reward = Schema.Reward.NewFrame();
                Fill(reward, Schema.Reward, zeros: false);
                return reward;
            }).ToArray());
            return child;
        }).ToArray());
        return frame;
    }

    private void Fill(FactFrame frame, TestScope scope, bool zeros)
    {
        foreach (var name in scope.Names)
        {
            var symbol = scope[name];
            if (symbol.Type.Kind == ValueKind.Record || symbol.Members is not null)
            {
                foreach (var member in (symbol.Type.Shape ?? symbol.Members)!.Names)
                {
                    frame.Numbers[(symbol.Type.Shape ?? symbol.Members)!.Lookup(member)!.Slot.Index] = RandomNumber(zeros);
                }

                if (symbol.Type.Kind == ValueKind.Record)
                {
                    continue;
                }
            }

            var index = symbol.Slot.Index;
            switch (symbol.Type.Kind)
            {
                case ValueKind.Number:
                    frame.Numbers[index] = RandomNumber(zeros);
                    break;
                case ValueKind.Integer:
                    frame.Numbers[index] = zeros && Chance(0.7) ? 0 : Pick([0, 1, 2, -3, 12, _random.Next(-20, 21)]);
                    break;
                case ValueKind.Boolean:
                    frame.Booleans[index] = Chance(0.5);
                    break;
                case ValueKind.Text:
                    frame.Texts[index] = Pick(TextPool);
                    break;
                case ValueKind.Date:
                    frame.Numbers[index] = Chance(0.7) ? Schema.Day(Pick(DatePool)) : Schema.Day("2020-01-01") + _random.Next(0, 2200);
                    break;
                case ValueKind.Enumeration:
                    frame.Numbers[index] = _random.Next(symbol.Type.EnumValues.Count);
                    break;
            }
        }
    }

    private double RandomNumber(bool zeros) => zeros && Chance(0.6)
        ? 0
        : Chance(0.6) ? Pick(NumberPool) : Math.Round((_random.NextDouble() * 200) - 100, _random.Next(0, 4));
}
