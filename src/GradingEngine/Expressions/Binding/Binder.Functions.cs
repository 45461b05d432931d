using System.Globalization;
using System.Text;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Expressions.Binding;

/// <summary>The binder's built-in functions and aggregations over lists.</summary>
internal sealed partial class Binder
{
    // ---------------------------------------------------------------- functions

    private BoundExpression? BindCall(CallSyntax node)
    {
        var entry = FunctionTable.Find(node.Name);
        if (entry is null)
        {
            var suggestion = Suggestions.Closest(node.Name, FunctionTable.Names, ignoreCase: true);
            return Error(
                DiagnosticCodes.BadFunctionCall,
                suggestion is null
                    ? $"未知的函数“{node.Name}”，可用的函数：{string.Join("、", FunctionTable.Names)} (unknown function '{node.Name}'; the functions are: {string.Join(", ", FunctionTable.Names)})"
                    : $"未知的函数“{node.Name}”，是否应为“{suggestion}”？ (unknown function '{node.Name}'; did you mean '{suggestion}'?)",
                node.Start,
                node.NameLength);
        }

        var args = node.Arguments;
        var name = entry.Name;
        if (name is "min" or "max" && args.Count == 1 && Peek(args[0]) is { Type.Kind: ValueKind.List } list)
        {
            var example = list.Type.Shape?.Names.FirstOrDefault() ?? "expr";
            return Error(
                DiagnosticCodes.BadFunctionCall,
                $"对列表求{(name == "min" ? "最小值" : "最大值")}需要第二个参数，例如 {name}({list.Name}, {example}) ({name} over a list needs an expression, e.g. {name}({list.Name}, {example}))",
                node.Start,
                node.NameLength);
        }

        if (args.Count < entry.MinArguments || args.Count > entry.MaxArguments)
        {
            var (chinese, english) = entry switch
            {
                { MaxArguments: int.MaxValue } => ($"至少 {entry.MinArguments} 个参数", $"at least {entry.MinArguments} arguments"),
                _ when entry.MinArguments == entry.MaxArguments =>
                    ($" {entry.MinArguments} 个参数", entry.MinArguments == 1 ? "1 argument" : $"{entry.MinArguments} arguments"),
                _ => ($" {entry.MinArguments} 或 {entry.MaxArguments} 个参数", $"{entry.MinArguments} or {entry.MaxArguments} arguments"),
            };
            return Error(
                DiagnosticCodes.BadFunctionCall,
                $"函数“{name}”需要{chinese}，实际为 {args.Count} 个，用法：{entry.Usage} (function '{name}' takes {english} but was given {args.Count}; usage: {entry.Usage})",
                node.Start,
                node.NameLength);
        }

        switch (name)
        {
            case "min" or "max" when args.Count == 2 && Peek(args[0]) is { Type.Kind: ValueKind.List }:
                return BindAggregate(node, name == "min" ? AggregateKind.Min : AggregateKind.Max);
            case "min" or "max":
                return BindMinMax(node, name == "min" ? BuiltinFunction.Min : BuiltinFunction.Max);
            case "clamp":
                return BindNumeric(node, BuiltinFunction.Clamp, integerIfAll: true);
            case "abs":
                return BindNumeric(node, BuiltinFunction.Abs, integerIfAll: true);
            case "floor":
                return BindNumeric(node, BuiltinFunction.Floor, integerIfAll: false, ExprType.Integer);
            case "ceil":
                return BindNumeric(node, BuiltinFunction.Ceiling, integerIfAll: false, ExprType.Integer);
            case "round":
                return BindRound(node);
            case "date":
                return BindDate(node);
            case "daysBetween":
                return BindDates(node, BuiltinFunction.DaysBetween);
            case "monthsBetween":
                return BindDates(node, BuiltinFunction.MonthsBetween);
            case "year":
                return BindDates(node, BuiltinFunction.Year);
            case "month":
                return BindDates(node, BuiltinFunction.Month);
            case "count":
                return BindAggregate(node, AggregateKind.Count);
            case "sum":
                return BindAggregate(node, AggregateKind.Sum);
            case "avg":
                return BindAggregate(node, AggregateKind.Average);
            case "any":
                return BindAggregate(node, AggregateKind.Any);
            default:
                return BindAggregate(node, AggregateKind.All);
        }
    }

    private List<BoundExpression>? BindArguments(CallSyntax node, int count)
    {
        var bound = new List<BoundExpression>(count);
        var ok = true;
        for (var i = 0; i < count; i++)
        {
            var argument = BindValue(node.Arguments[i]);
            if (argument is null)
            {
                ok = false;
            }
            else
            {
                bound.Add(argument);
            }
        }

        return ok ? bound : null;
    }

    private BoundExpression? ArgumentMismatch(CallSyntax node, int index, string needChinese, string needEnglish, ExprType actual) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：函数“{FunctionTable.Find(node.Name)?.Name ?? node.Name}”的参数需要{needChinese}，此处的类型是 {actual.Name} (type mismatch: '{FunctionTable.Find(node.Name)?.Name ?? node.Name}' needs {needEnglish} here, but this is {actual.Name})",
        node.Arguments[index].Start,
        node.Arguments[index].Length);

    private BoundCall? BindNumeric(CallSyntax node, BuiltinFunction function, bool integerIfAll, ExprType? result = null)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].Type.IsNumeric)
            {
                ArgumentMismatch(node, i, "数值", "a number", args[i].Type);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var type = result ?? (integerIfAll && args.TrueForAll(a => a.Type.Kind == ValueKind.Integer) ? ExprType.Integer : ExprType.Number);
        return new BoundCall(function, args, 0, type, node.Start, node.Length);
    }

    private BoundCall? BindMinMax(CallSyntax node, BuiltinFunction function)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var dates = args[0].Type.Kind == ValueKind.Date;
        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            var fits = dates ? args[i].Type.Kind == ValueKind.Date : args[i].Type.IsNumeric;
            if (!fits)
            {
                ArgumentMismatch(node, i, dates ? "日期（与第一个参数一致）" : "数值", dates ? "a date (like the first argument)" : "a number", args[i].Type);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var type = dates ? ExprType.Date
            : args.TrueForAll(a => a.Type.Kind == ValueKind.Integer) ? ExprType.Integer : ExprType.Number;
        return new BoundCall(function, args, 0, type, node.Start, node.Length);
    }

    private BoundCall? BindRound(CallSyntax node)
    {
        var x = BindValue(node.Arguments[0]);
        var digits = 0;
        var ok = x is not null;
        if (x is not null && !x.Type.IsNumeric)
        {
            ArgumentMismatch(node, 0, "数值", "a number", x.Type);
            ok = false;
        }

        if (node.Arguments.Count == 2)
        {
            if (node.Arguments[1] is NumberLiteralSyntax { IsInteger: true, Value: >= 0 and <= 10 } literal)
            {
                digits = (int)literal.Value;
            }
            else
            {
                var arg = node.Arguments[1];
                Error(
                    DiagnosticCodes.TypeMismatch,
                    "函数“round”的小数位数必须是 0 到 10 的整数常量 ('round' needs a whole-number literal from 0 to 10 as its number of decimals)",
                    arg.Start,
                    arg.Length);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        return node.Arguments.Count == 1
            ? new BoundCall(BuiltinFunction.Round, [x!], 0, ExprType.Integer, node.Start, node.Length)
            : new BoundCall(BuiltinFunction.RoundDigits, [x!], digits, ExprType.Number, node.Start, node.Length);
    }

    private BoundExpression? BindDate(CallSyntax node)
    {
        var arg = node.Arguments[0];
        if (arg is not TextLiteralSyntax literal)
        {
            var bound = BindValue(arg);
            return bound is null ? null : Error(
                DiagnosticCodes.TypeMismatch,
                "函数“date”的参数必须是形如 '2024-06-30' 的文本常量 ('date' needs a text literal such as '2024-06-30')",
                arg.Start,
                arg.Length);
        }

        var normalized = new StringBuilder(literal.Value.Length);
        foreach (var c in literal.Value)
        {
            normalized.Append(Lexer.Normalize(c));
        }

        if (DateOnly.TryParseExact(normalized.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new BoundLiteral(ExprType.Date, date.DayNumber, node.Start, node.Length);
        }

        return Error(
            DiagnosticCodes.TypeMismatch,
            $"“{literal.Value}”不是有效日期，应写作 yyyy-MM-dd，例如 '2024-06-30' ('{literal.Value}' is not a valid date; write yyyy-MM-dd, e.g. '2024-06-30')",
            arg.Start,
            arg.Length);
    }

    private BoundCall? BindDates(CallSyntax node, BuiltinFunction function)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Type.Kind != ValueKind.Date)
            {
                var hint = args[i] is BoundLiteral { Type.Kind: ValueKind.Text } ? "; write date('yyyy-MM-dd')" : string.Empty;
                ArgumentMismatch(node, i, "日期", "a date" + hint, args[i].Type);
                ok = false;
            }
        }

        return ok ? new BoundCall(function, args, 0, ExprType.Integer, node.Start, node.Length) : null;
    }

    // ---------------------------------------------------------------- aggregations

    private BoundExpression? BindAggregate(CallSyntax node, AggregateKind kind)
    {
        var name = FunctionTable.Find(node.Name)!.Name;
        var listSyntax = node.Arguments[0];
        Symbol? list;
        int frame;
        if (listSyntax is NameSyntax or MemberAccessSyntax)
        {
            list = ResolvePath(listSyntax, out frame);
            if (list is not null && list.Type.Kind != ValueKind.List)
            {
                NotAList(name, listSyntax, list.Type);
                list = null;
            }
        }
        else
        {
            frame = 0;
            list = null;
            if (BindValue(listSyntax) is { } other)
            {
                NotAList(name, listSyntax, other.Type);
            }
        }

        if (list is null || list.Type.Shape is not { } shape)
        {
            return null;
        }

        var listRead = Read(list, frame, listSyntax);
        if (node.Arguments.Count == 1)
        {
            return new BoundAggregate(AggregateKind.Count, listRead, CurrentFrame + 1, null, ExprType.Integer, node.Start, node.Length);
        }

        var childFrame = CurrentFrame + 1;
        _scopes.Add((shape, childFrame));
        var body = BindValue(node.Arguments[1]);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (body is null)
        {
            return null;
        }

        ExprType? type = kind switch
        {
            AggregateKind.Count when body.Type.Kind == ValueKind.Boolean => ExprType.Integer,
            AggregateKind.Any or AggregateKind.All when body.Type.Kind == ValueKind.Boolean => ExprType.Boolean,
            AggregateKind.Sum when body.Type.IsNumeric => body.Type,
            AggregateKind.Average when body.Type.IsNumeric => ExprType.Number,
            AggregateKind.Min or AggregateKind.Max when body.Type.IsNumeric || body.Type.Kind == ValueKind.Date => body.Type,
            _ => null,
        };
        if (type is null)
        {
            var (chinese, english) = kind switch
            {
                AggregateKind.Count or AggregateKind.Any or AggregateKind.All => ("条件（boolean）", "a condition (boolean)"),
                AggregateKind.Min or AggregateKind.Max => ("数值或日期", "a number or a date"),
                _ => ("数值", "a number"),
            };
            return ArgumentMismatch(node, 1, chinese, english, body.Type);
        }

        return new BoundAggregate(kind, listRead, childFrame, body, type, node.Start, node.Length);
    }

    private void NotAList(string function, SyntaxNode syntax, ExprType actual) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：函数“{function}”的第一个参数必须是列表，此处的类型是 {actual.Name} (type mismatch: '{function}' needs a list as its first argument, but this is {actual.Name})",
        syntax.Start,
        syntax.Length);
}
