using System.Linq.Expressions;
using GradingEngine.Expressions.Compilation;
using System.Reflection;
using System.Text;
using GradingEngine.Diagnostics;
using GradingEngine.Facts;

namespace GradingEngine.Expressions;

/// <summary>One piece of a message template: literal text or an expression to format.</summary>
/// <param name="Literal">The text, when the part is literal.</param>
/// <param name="Expression">The expression, when the part is <c>{…}</c>.</param>
/// <param name="Start">Offset of the part in the template (of the expression text, for an expression part).</param>
internal sealed record TemplatePart(string? Literal, CheckedExpression? Expression, int Start);

/// <summary>A message template that parsed and type-checked. Immutable.</summary>
internal sealed class CheckedTemplate
{
    internal CheckedTemplate(string text, IReadOnlyList<TemplatePart> parts, IReadOnlyList<Symbol> reads)
    {
        Text = text;
        Parts = parts;
        Reads = reads;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Literal and expression parts in order; adjacent literals are merged.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>The distinct top-scope symbols read by all the expression parts, in order of first occurrence.</summary>
    public IReadOnlyList<Symbol> Reads { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// Message templates such as <c>支部委员会仅召开{支部委员会次数}次，应召开12次</c>: text in which each
/// <c>{expression}</c> (of any type) is replaced by its value formatted with <see cref="ValueFormatter"/>.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
internal static class MessageTemplate
{
    private static readonly MethodInfo BuilderStart = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Start))!;
    private static readonly MethodInfo BuilderText = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Text))!;
    private static readonly MethodInfo BuilderNumber = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Number))!;
    private static readonly MethodInfo BuilderBoolean = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Boolean))!;
    private static readonly MethodInfo BuilderDate = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Date))!;
    private static readonly MethodInfo BuilderEnumeration = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Enumeration))!;
    private static readonly MethodInfo BuilderFinish = typeof(MessageBuilder).GetMethod(nameof(MessageBuilder.Finish))!;

    /// <summary>
    /// Splits and checks a template. Error offsets are relative to the whole template text. The length limit
    /// applies to the template as a whole, the depth limit to each expression.
    /// </summary>
    /// <returns>The checked template, or null if any error was appended.</returns>
    public static CheckedTemplate? Check(string template, ISymbolScope scope, ExpressionLimits limits, List<ExpressionError> errors)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (template.Length > limits.MaxLength)
        {
            errors.Add(new ExpressionError(
                DiagnosticCodes.ExpressionTooComplex,
                $"消息模板过长：共 {template.Length} 个字符，上限为 {limits.MaxLength} (the message template is too long: {template.Length} characters, the limit is {limits.MaxLength})",
                limits.MaxLength,
                template.Length - limits.MaxLength));
            return null;
        }

        var before = errors.Count;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c is '{' or '}' && i + 1 < template.Length && template[i + 1] == c)
            {
                if (literal.Length == 0)
                {
                    literalStart = i;
                }

                literal.Append(c);
                i += 2;
            }
            else if (c == '}')
            {
                errors.Add(new ExpressionError(
                    DiagnosticCodes.ExpressionSyntax,
                    "消息模板中的单个“}”没有配对的“{”，如需显示“}”请写作“}}” (unmatched '}' in the message template; write '}}' for a literal brace)",
                    i,
                    1));
                i++;
            }
            else if (c == '{')
            {
                var close = FindClose(template, i + 1);
                if (close < 0)
                {
                    errors.Add(new ExpressionError(
                        DiagnosticCodes.ExpressionSyntax,
                        "消息模板中的“{”没有闭合，如需显示“{”请写作“{{” (unclosed '{' in the message template; write '{{' for a literal brace)",
                        i,
                        1));
                    break;
                }

                if (literal.Length > 0)
                {
                    parts.Add(new TemplatePart(literal.ToString(), null, literalStart));
                    literal.Clear();
                }

                var text = template.Substring(i + 1, close - i - 1);
                if (string.IsNullOrWhiteSpace(text))
                {
                    errors.Add(new ExpressionError(
                        DiagnosticCodes.ExpressionSyntax,
                        "消息模板中的“{}”内没有表达式 (empty '{}' in the message template)",
                        i,
                        close - i + 1));
                }
                else
                {
                    var partErrors = new List<ExpressionError>();
                    var expression = ExpressionChecker.Check(text, scope, null, limits, partErrors);
                    foreach (var error in partErrors)
                    {
                        errors.Add(error with { Start = error.Start + i + 1 });
                    }

                    if (expression is not null)
                    {
                        parts.Add(new TemplatePart(null, expression, i + 1));
                    }
                }

                i = close + 1;
                literalStart = i;
            }
            else
            {
                if (literal.Length == 0)
                {
                    literalStart = i;
                }

                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null, literalStart));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var reads = new List<Symbol>();
        var seen = new HashSet<Symbol>(ReferenceEqualityComparer.Instance);
        foreach (var part in parts)
        {
            foreach (var symbol in part.Expression?.Reads ?? [])
            {
                if (seen.Add(symbol))
                {
                    reads.Add(symbol);
                }
            }
        }

        return new CheckedTemplate(template, parts, reads);
    }

    /// <summary>
    /// The offset of the <c>}</c> closing an expression that starts at <paramref name="start"/>, skipping quoted
    /// text and backquoted names (which may contain braces); -1 if there is none.
    /// </summary>
    private static int FindClose(string template, int start)
    {
        for (var i = start; i < template.Length; i++)
        {
            var c = Syntax.Lexer.Normalize(template[i]);
            char? closer = c switch
            {
                '\'' => '\'',
                '"' => '"',
                '`' => '`',
                '\u201C' => '\u201D',
                '\u2018' => '\u2019',
                _ => null,
            };
            if (closer is { } expected)
            {
                var j = i + 1;
                while (j < template.Length && Closes(template[j], expected) is false)
                {
                    j++;
                }

                if (j >= template.Length)
                {
                    return -1;
                }

                i = j;
            }
            else if (template[i] == '}')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Closes(char c, char expected) => c == expected || (expected is '\'' or '"' or '`' && Syntax.Lexer.Normalize(c) == expected);

    /// <summary>
    /// A string-typed expression building the message: the parts appended to the thread's
    /// <see cref="MessageBuilder"/>, numbers formatted in place, one string made at the end.
    /// </summary>
    public static Expression Emit(CheckedTemplate t, Expression frame, IReadOnlyDictionary<Binding.BoundAggregate, Facts.Slot>? precomputed = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Parts.Count == 0)
        {
            return Expression.Constant(string.Empty, typeof(string));
        }

        if (t.Parts is [{ Expression: null } only])
        {
            return Expression.Constant(only.Literal ?? string.Empty, typeof(string));
        }

        Expression builder = Expression.Call(BuilderStart);
        foreach (var part in t.Parts)
        {
            builder = part.Expression is { } e
                ? Append(builder, LinqEmitter.Emit(e, frame, precomputed), e.Type)
                : Expression.Call(builder, BuilderText, Expression.Constant(part.Literal ?? string.Empty, typeof(string)));
        }

        return Expression.Call(builder, BuilderFinish);
    }

    private static Expression Append(Expression builder, Expression value, ExprType type) => type.Kind switch
    {
        ValueKind.Text => Expression.Call(builder, BuilderText, value),
        ValueKind.Boolean => Expression.Call(builder, BuilderBoolean, value),
        ValueKind.Date => Expression.Call(builder, BuilderDate, value),
        ValueKind.Enumeration => Expression.Call(builder, BuilderEnumeration, value, Expression.Constant(type.EnumValues, typeof(IReadOnlyList<string>))),
        _ => Expression.Call(builder, BuilderNumber, value),
    };

    /// <summary>The message for a frame, computed with the <see cref="Interpreter"/>.</summary>
    public static string Evaluate(CheckedTemplate t, FactFrame frame)
    {
        ArgumentNullException.ThrowIfNull(t);
        var builder = new StringBuilder();
        foreach (var part in t.Parts)
        {
            builder.Append(part.Expression is { } e
                ? ValueFormatter.Format(Interpreter.Evaluate(e, frame), e.Type)
                : part.Literal);
        }

        return builder.ToString();
    }
}
