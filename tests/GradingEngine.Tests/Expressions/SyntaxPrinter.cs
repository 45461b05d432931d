using System.Globalization;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Tests.Expressions;

/// <summary>Prints a syntax tree in a fully parenthesised prefix form, to assert how text was parsed.</summary>
internal static class SyntaxPrinter
{
    public static string Print(SyntaxNode node) => node switch
    {
        NumberLiteralSyntax n => n.Value.ToString(CultureInfo.InvariantCulture) + (n.IsInteger ? string.Empty : "d"),
        TextLiteralSyntax t => $"'{t.Value}'",
        BooleanLiteralSyntax b => b.Value ? "true" : "false",
        NameSyntax n => n.Name,
        MemberAccessSyntax m => $"{Print(m.Target)}.{m.Member}",
        UnarySyntax u => $"({(u.Operator == UnaryOperator.Negate ? "-" : "not")} {Print(u.Operand)})",
        BinarySyntax b => $"({b.Operator} {Print(b.Left)} {Print(b.Right)})",
        InSyntax i => $"({(i.Negated ? "notin" : "in")} {Print(i.Value)} [{string.Join(" ", i.Items.Select(Print))}])",
        BetweenSyntax b => $"(between {Print(b.Value)} {Print(b.Low)} {Print(b.High)})",
        ConditionalSyntax c => $"(if {Print(c.Condition)} {Print(c.WhenTrue)} {Print(c.WhenFalse)})",
        CallSyntax c => $"{c.Name}({string.Join(" ", c.Arguments.Select(Print))})",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
