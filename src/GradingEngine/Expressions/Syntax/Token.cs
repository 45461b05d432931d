namespace GradingEngine.Expressions.Syntax;

/// <summary>The kinds of token of the expression language.</summary>
internal enum TokenKind
{
    /// <summary>End of the text.</summary>
    End,
    /// <summary>A number literal, possibly with a <c>%</c> suffix.</summary>
    Number,
    /// <summary>A text literal in any of the accepted quote styles.</summary>
    Text,
    /// <summary>A name, plain or in backquotes.</summary>
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Dot,
    /// <summary><c>==</c> or <c>=</c>.</summary>
    Equal,
    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    /// <summary><c>and</c> or <c>&amp;&amp;</c>.</summary>
    And,
    /// <summary><c>or</c> or <c>||</c>.</summary>
    Or,
    /// <summary><c>not</c> or <c>!</c>.</summary>
    Not,
    In,
    Between,
    If,
    Then,
    Else,
    True,
    False,
}

/// <summary>One token. Offsets are 0-based positions in the original expression text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="Length">Number of characters it spans, quotes included.</param>
/// <param name="Text">
/// For identifiers the name, for text literals the content without quotes, for operators and keywords the
/// normalised spelling as written (e.g. <c>&amp;&amp;</c> or <c>and</c>).
/// </param>
/// <param name="Number">For number literals, the value (percentages already divided by 100).</param>
/// <param name="IsInteger">For number literals, whether it is a whole number written without <c>.</c> or <c>%</c>.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, double Number = 0, bool IsInteger = false)
{
    /// <summary>Offset just after the token.</summary>
    public int End => Start + Length;
}
