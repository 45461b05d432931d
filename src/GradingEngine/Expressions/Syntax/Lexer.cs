using System.Globalization;
using System.Text;
using GradingEngine.Diagnostics;

namespace GradingEngine.Expressions.Syntax;

/// <summary>
/// Splits expression text into tokens. Full-width forms typed with a Chinese input method (U+FF01..U+FF5E)
/// are read as their ASCII counterparts and the ideographic space U+3000 as a space, one character for one
/// character so offsets never move; the content of text literals and backquoted names is taken as written.
/// </summary>
internal static class Lexer
{
    /// <summary>Numbers beyond this magnitude are rejected: they cannot be held exactly and no scheme needs them.</summary>
    public const double MaxLiteral = 1e15;

    /// <summary>The character as the lexer reads it outside literals: full-width ASCII forms and U+3000 folded.</summary>
    public static char Normalize(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>
    /// Tokenises the whole text. Every lexical error is appended to <paramref name="errors"/> and the offending
    /// characters skipped, so one pass reports all of them. The list always ends with an <see cref="TokenKind.End"/> token.
    /// </summary>
    public static List<Token> Tokenize(string text, List<ExpressionError> errors)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = Normalize(text[i]);
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is >= '0' and <= '9')
            {
                i = LexNumber(text, i, tokens, errors);
                continue;
            }

            if (c is '\'' or '"' or '\u201C' or '\u2018')
            {
                i = LexText(text, i, c, tokens, errors);
                continue;
            }

            if (c == '`')
            {
                i = LexQuotedName(text, i, tokens, errors);
                continue;
            }

            var width = IdentifierStartWidth(text, i);
            if (width > 0)
            {
                i = LexName(text, i, width, tokens);
                continue;
            }

            i = LexOperator(text, i, c, tokens, errors);
        }

        tokens.Add(new Token(TokenKind.End, text.Length, 0, string.Empty));
        return tokens;
    }

    private static int LexNumber(string text, int start, List<Token> tokens, List<ExpressionError> errors)
    {
        var i = start;
        while (i < text.Length && IsDigit(text, i))
        {
            i++;
        }

        var isInteger = true;
        if (i + 1 < text.Length && Normalize(text[i]) == '.' && IsDigit(text, i + 1))
        {
            isInteger = false;
            i++;
            while (i < text.Length && IsDigit(text, i))
            {
                i++;
            }
        }

        var digits = NormalizedSlice(text, start, i - start);
        var value = double.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (i < text.Length && Normalize(text[i]) == '%')
        {
            isInteger = false;
            value /= 100;
            i++;
        }

        if (value > MaxLiteral)
        {
            errors.Add(new ExpressionError(
                DiagnosticCodes.ExpressionSyntax,
                $"数字“{Describe(text, start, i - start)}”过大，上限为 10^15 (number '{Describe(text, start, i - start)}' is too large; the limit is 10^15)",
                start,
                i - start));
        }

        tokens.Add(new Token(TokenKind.Number, start, i - start, digits, value, isInteger));
        return i;
    }

    private static int LexText(string text, int start, char open, List<Token> tokens, List<ExpressionError> errors)
    {
        var (close, altClose) = open switch
        {
            '\'' => ('\'', '\uFF07'),
            '"' => ('"', '\uFF02'),
            '\u201C' => ('\u201D', '\u201D'),
            _ => ('\u2019', '\u2019'),
        };
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == close || text[i] == altClose)
            {
                tokens.Add(new Token(TokenKind.Text, start, i + 1 - start, text.Substring(start + 1, i - start - 1)));
                return i + 1;
            }
        }

        errors.Add(new ExpressionError(
            DiagnosticCodes.ExpressionSyntax,
            $"文本缺少结束引号“{close}” (unclosed text literal; expected a closing {(close == '"' ? "double" : "single")} quote)",
            start,
            text.Length - start));
        return text.Length;
    }

    private static int LexQuotedName(string text, int start, List<Token> tokens, List<ExpressionError> errors)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] is '`' or '\uFF40')
            {
                if (i == start + 1)
                {
                    errors.Add(new ExpressionError(
                        DiagnosticCodes.ExpressionSyntax,
                        "反引号中的名称为空 (empty name in backquotes)",
                        start,
                        2));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Identifier, start, i + 1 - start, text.Substring(start + 1, i - start - 1)));
                }

                return i + 1;
            }
        }

        errors.Add(new ExpressionError(
            DiagnosticCodes.ExpressionSyntax,
            "名称缺少结束的反引号 ` (unclosed backquoted name; expected a closing `)",
            start,
            text.Length - start));
        return text.Length;
    }

    private static int LexName(string text, int start, int firstWidth, List<Token> tokens)
    {
        var i = start + firstWidth;
        while (i < text.Length)
        {
            var width = IdentifierPartWidth(text, i);
            if (width == 0)
            {
                break;
            }

            i += width;
        }

        var name = NormalizedSlice(text, start, i - start);
        var kind = KeywordKind(name);
        tokens.Add(new Token(kind, start, i - start, name));
        return i;
    }

    private static TokenKind KeywordKind(string name)
    {
        if (name.Length > 7)
        {
            return TokenKind.Identifier;
        }

        foreach (var (word, kind) in Keywords)
        {
            if (string.Equals(name, word, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return TokenKind.Identifier;
    }

    private static readonly (string Word, TokenKind Kind)[] Keywords =
    [
        ("and", TokenKind.And),
        ("or", TokenKind.Or),
        ("not", TokenKind.Not),
        ("in", TokenKind.In),
        ("between", TokenKind.Between),
        ("if", TokenKind.If),
        ("then", TokenKind.Then),
        ("else", TokenKind.Else),
        ("true", TokenKind.True),
        ("false", TokenKind.False),
    ];

    private static int LexOperator(string text, int i, char c, List<Token> tokens, List<ExpressionError> errors)
    {
        var next = i + 1 < text.Length ? Normalize(text[i + 1]) : '\0';
        (TokenKind Kind, int Length) op = c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '(' => (TokenKind.OpenParen, 1),
            ')' => (TokenKind.CloseParen, 1),
            '[' => (TokenKind.OpenBracket, 1),
            ']' => (TokenKind.CloseBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            '=' => (TokenKind.Equal, next == '=' ? 2 : 1),
            '!' => next == '=' ? (TokenKind.NotEqual, 2) : (TokenKind.Not, 1),
            '<' => next switch
            {
                '=' => (TokenKind.LessEqual, 2),
                '>' => (TokenKind.NotEqual, 2),
                _ => (TokenKind.Less, 1),
            },
            '>' => next == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1),
            '&' when next == '&' => (TokenKind.And, 2),
            '|' when next == '|' => (TokenKind.Or, 2),
            _ => (TokenKind.End, 0),
        };

        if (op.Length > 0)
        {
            tokens.Add(new Token(op.Kind, i, op.Length, NormalizedSlice(text, i, op.Length)));
            return i + op.Length;
        }

        var width = char.IsSurrogatePair(text, i) ? 2 : 1;
        var shown = text.Substring(i, width);
        var message = c switch
        {
            '%' => "“%”只能紧跟在数字之后表示百分数，没有取余运算 ('%' may only follow a number, as a percentage; there is no remainder operator)",
            '&' => "单个“&”无效，请使用 and 或 && (a single '&' is not valid; use 'and' or '&&')",
            '|' => "单个“|”无效，请使用 or 或 || (a single '|' is not valid; use 'or' or '||')",
            _ => $"无法识别的字符“{shown}” (unexpected character '{shown}')",
        };
        errors.Add(new ExpressionError(DiagnosticCodes.ExpressionSyntax, message, i, width));
        return i + width;
    }

    private static bool IsDigit(string text, int i) => Normalize(text[i]) is >= '0' and <= '9';

    /// <summary>Width (1 or 2 UTF-16 units) of an identifier's first character at <paramref name="i"/>, or 0.</summary>
    private static int IdentifierStartWidth(string text, int i)
    {
        var (category, width) = CategoryAt(text, i);
        if (width == 1 && Normalize(text[i]) == '_')
        {
            return 1;
        }

        return IsLetter(category) ? width : 0;
    }

    private static int IdentifierPartWidth(string text, int i)
    {
        var (category, width) = CategoryAt(text, i);
        if (width == 1 && Normalize(text[i]) == '_')
        {
            return 1;
        }

        return IsLetter(category) || category == UnicodeCategory.DecimalDigitNumber ? width : 0;
    }

    private static (UnicodeCategory Category, int Width) CategoryAt(string text, int i) =>
        char.IsSurrogatePair(text, i)
            ? (CharUnicodeInfo.GetUnicodeCategory(text, i), 2)
            : (CharUnicodeInfo.GetUnicodeCategory(Normalize(text[i])), 1);

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;

    /// <summary>The slice with full-width forms folded (only used outside literals).</summary>
    private static string NormalizedSlice(string text, int start, int length)
    {
        var changed = false;
        for (var i = start; i < start + length && !changed; i++)
        {
            changed = Normalize(text[i]) != text[i];
        }

        if (!changed)
        {
            return text.Substring(start, length);
        }

        var builder = new StringBuilder(length);
        for (var i = start; i < start + length; i++)
        {
            builder.Append(Normalize(text[i]));
        }

        return builder.ToString();
    }

    /// <summary>A short excerpt of the original text for messages (long runs are cut with …).</summary>
    public static string Describe(string text, int start, int length)
    {
        const int Max = 24;
        return length <= Max ? text.Substring(start, length) : string.Concat(text.AsSpan(start, Max - 1), "…");
    }
}
