using GradingEngine.Diagnostics;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Expressions.Binding;

/// <summary>The binder's name resolution: paths, members of records and lists, scopes, and the names it suggests.</summary>
internal sealed partial class Binder
{
    // ---------------------------------------------------------------- names

    /// <summary>Resolves a name or a member-access chain to a symbol, reporting what is wrong.</summary>
    private Symbol? ResolvePath(SyntaxNode node, out int frame)
    {
        frame = 0;
        switch (node)
        {
            case NameSyntax name:
            {
                if (Lookup(name.Name, out frame) is { } found)
                {
                    return found;
                }

                var suggestion = Suggestions.Closest(name.Name, VisibleNames());
                Error(
                    DiagnosticCodes.UndefinedName,
                    suggestion is null
                        ? $"未定义的名称“{name.Name}” (undefined name '{name.Name}')"
                        : $"未定义的名称“{name.Name}”，是否应为“{suggestion}”？ (undefined name '{name.Name}'; did you mean '{suggestion}'?)",
                    name.Start,
                    name.Length);
                return null;
            }

            case MemberAccessSyntax member:
                return ResolveMember(member, out frame);
            default:
                return null;
        }
    }

    private Symbol? ResolveMember(MemberAccessSyntax node, out int frame)
    {
        frame = 0;
        if (node.Target is not (NameSyntax or MemberAccessSyntax))
        {
            var target = BindValue(node.Target);
            if (target is not null)
            {
                Error(
                    DiagnosticCodes.TypeMismatch,
                    $"只有一组值才能用“.”访问成员，此处的类型是 {target.Type.Name} (member access needs a group of values; this is {target.Type.Name})",
                    node.Start,
                    node.Length);
            }

            return null;
        }

        var owner = ResolvePath(node.Target, out frame);
        if (owner is null)
        {
            return null;
        }

        if (MembersOf(owner) is { } shape)
        {
            if (shape.Lookup(node.Member) is { } member)
            {
                return member;
            }

            var suggestion = Suggestions.Closest(node.Member, shape.Names);
            Error(
                DiagnosticCodes.UndefinedName,
                suggestion is null
                    ? $"“{owner.Name}”没有成员“{node.Member}”，其成员为：{MemberList(shape).Chinese} ('{owner.Name}' has no member '{node.Member}'; its members are: {MemberList(shape).English})"
                    : $"“{owner.Name}”没有成员“{node.Member}”，是否应为“{suggestion}”？ ('{owner.Name}' has no member '{node.Member}'; did you mean '{suggestion}'?)",
                node.MemberStart,
                node.MemberLength);
            return null;
        }

        if (owner.Type.Kind == ValueKind.List)
        {
            Error(
                DiagnosticCodes.TypeMismatch,
                $"“{owner.Name}”是列表，不能用“.”访问成员，请使用聚合函数，例如 {AggregateExample(owner)} ('{owner.Name}' is a list and has no members; use an aggregation such as {AggregateExample(owner)})",
                node.Start,
                node.Length);
            return null;
        }

        Error(
            DiagnosticCodes.TypeMismatch,
            $"“{owner.Name}”的类型是 {owner.Type.Name}，没有成员“{node.Member}” ('{owner.Name}' is {owner.Type.Name}; it has no member '{node.Member}')",
            node.MemberStart,
            node.MemberLength);
        return null;
    }

    private Symbol? Lookup(string name, out int frame)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Scope.Lookup(name) is { } symbol)
            {
                frame = _scopes[i].Frame;
                return symbol;
            }
        }

        frame = 0;
        return null;
    }

    /// <summary>Silently resolves a name or member chain (no errors), for deciding how to bind a call.</summary>
    private Symbol? Peek(SyntaxNode node) => node switch
    {
        NameSyntax n => Lookup(n.Name, out _),
        MemberAccessSyntax m when Peek(m.Target) is { } owner && MembersOf(owner) is { } shape => shape.Lookup(m.Member),
        _ => null,
    };

    private IEnumerable<string> VisibleNames()
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            foreach (var name in _scopes[i].Scope.Names)
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// The members reached with <c>.</c>: those of a record, or those of a value that also has parts
    /// (<see cref="Symbol.Members"/>, e.g. a rating usable as its composite score); null if there are none.
    /// </summary>
    private static IRecordShape? MembersOf(Symbol symbol) =>
        symbol.Type.Kind == ValueKind.Record ? symbol.Type.Shape : symbol.Members;

    private static (string Chinese, string English) MemberList(ExprType record) => MemberList(record.Shape);

    private static (string Chinese, string English) MemberList(IRecordShape? shape)
    {
        var names = shape?.Names.ToList() ?? [];
        return (string.Join("、", names), string.Join(", ", names));
    }

    private static string AggregateExample(Symbol list)
    {
        var first = list.Type.Shape?.Names.FirstOrDefault();
        return first is null ? $"count({list.Name})" : $"sum({list.Name}, {first})";
    }
}
