using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Tests.Expressions;

public class LexerTests
{
    private static List<Token> Lex(string text)
    {
        var errors = new List<ExpressionError>();
        var tokens = Lexer.Tokenize(text, errors);
        Assert.That(errors, Is.Empty, () => string.Join(Environment.NewLine, errors));
        return tokens;
    }

    private static ExpressionError LexError(string text)
    {
        var errors = new List<ExpressionError>();
        Lexer.Tokenize(text, errors);
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    [Test]
    public void Tokenize_ChineseIdentifier_IsOneIdentifierToken()
    {
        var tokens = Lex("三会一课次数 >= 12");
        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[] { TokenKind.Identifier, TokenKind.GreaterEqual, TokenKind.Number, TokenKind.End }));
        Assert.That(tokens[0].Text, Is.EqualTo("三会一课次数"));
        Assert.That((tokens[2].Start, tokens[2].Length), Is.EqualTo((10, 2)));
    }

    [Test]
    public void Tokenize_IdentifierWithDigitsAndUnderscore_ContinuesThroughThem()
    {
        var tokens = Lex("_党员2024_得分 a1");
        Assert.That(tokens[0].Text, Is.EqualTo("_党员2024_得分"));
        Assert.That(tokens[1].Text, Is.EqualTo("a1"));
    }

    [Test]
    public void Tokenize_SupplementaryPlaneLetter_IsPartOfIdentifier()
    {
        var tokens = Lex("𠀀分 + 1");
        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Identifier));
        Assert.That(tokens[0].Text, Is.EqualTo("𠀀分"));
        Assert.That(tokens[1].Start, Is.EqualTo(4));
    }

    [Test]
    public void Tokenize_FullWidthPunctuation_IsNormalisedKeepingOffsets()
    {
        var tokens = Lex("max（三会一课次数，１２）＞＝１０");
        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[]
        {
            TokenKind.Identifier, TokenKind.OpenParen, TokenKind.Identifier, TokenKind.Comma, TokenKind.Number,
            TokenKind.CloseParen, TokenKind.GreaterEqual, TokenKind.Number, TokenKind.End,
        }));
        Assert.That(tokens[4].Number, Is.EqualTo(12));
        Assert.That((tokens[6].Start, tokens[6].Length), Is.EqualTo((14, 2)));
        Assert.That(tokens[7].Start, Is.EqualTo(16));
    }

    [Test]
    public void Tokenize_IdeographicSpace_IsWhitespace()
    {
        var tokens = Lex("x\u3000+\u3000y");
        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[] { TokenKind.Identifier, TokenKind.Plus, TokenKind.Identifier, TokenKind.End }));
        Assert.That(tokens[2].Start, Is.EqualTo(4));
    }

    [TestCase("'好'")]
    [TestCase("\"好\"")]
    [TestCase("“好”")]
    [TestCase("‘好’")]
    [TestCase("＇好＇")]
    public void Tokenize_EveryQuoteStyle_GivesTextLiteral(string text)
    {
        var tokens = Lex(text);
        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Text));
        Assert.That(tokens[0].Text, Is.EqualTo("好"));
        Assert.That(tokens[0].Length, Is.EqualTo(3));
    }

    [Test]
    public void Tokenize_FullWidthInsideText_IsKeptAsWritten()
    {
        var tokens = Lex("'（１）　A'");
        Assert.That(tokens[0].Text, Is.EqualTo("（１）　A"));
    }

    [Test]
    public void Tokenize_OtherQuotesInsideText_AreContent()
    {
        Assert.That(Lex("\"it's\"")[0].Text, Is.EqualTo("it's"));
        Assert.That(Lex("“say 'hi'”")[0].Text, Is.EqualTo("say 'hi'"));
    }

    [TestCase("90%", 0.9)]
    [TestCase("12.5%", 0.125)]
    [TestCase("100%", 1.0)]
    [TestCase("９０％", 0.9)]
    public void Tokenize_PercentSuffix_DividesBy100AndIsNotInteger(string text, double expected)
    {
        var token = Lex(text)[0];
        Assert.That(token.Number, Is.EqualTo(expected));
        Assert.That(token.IsInteger, Is.False);
        Assert.That(token.Length, Is.EqualTo(text.Length));
    }

    [Test]
    public void Tokenize_WholeNumber_IsInteger()
    {
        var tokens = Lex("12 12.5");
        Assert.That(tokens[0].IsInteger, Is.True);
        Assert.That(tokens[1].IsInteger, Is.False);
        Assert.That(tokens[1].Number, Is.EqualTo(12.5));
    }

    [Test]
    public void Tokenize_KeywordsInAnyCase_AreKeywords()
    {
        var tokens = Lex("AND Or nOt IN Between IF THEN else TRUE False");
        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[]
        {
            TokenKind.And, TokenKind.Or, TokenKind.Not, TokenKind.In, TokenKind.Between, TokenKind.If,
            TokenKind.Then, TokenKind.Else, TokenKind.True, TokenKind.False, TokenKind.End,
        }));
    }

    [Test]
    public void Tokenize_BackquotedName_IsIdentifierEvenIfKeyword()
    {
        var tokens = Lex("`score-2024` + `and`");
        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Identifier));
        Assert.That(tokens[0].Text, Is.EqualTo("score-2024"));
        Assert.That(tokens[2].Kind, Is.EqualTo(TokenKind.Identifier));
        Assert.That(tokens[2].Text, Is.EqualTo("and"));
    }

    [TestCase("==", "Equal")]
    [TestCase("=", "Equal")]
    [TestCase("!=", "NotEqual")]
    [TestCase("<>", "NotEqual")]
    [TestCase("<", "Less")]
    [TestCase("<=", "LessEqual")]
    [TestCase(">", "Greater")]
    [TestCase(">=", "GreaterEqual")]
    [TestCase("&&", "And")]
    [TestCase("||", "Or")]
    [TestCase("!", "Not")]
    [TestCase("！＝", "NotEqual")]
    [TestCase("＜＞", "NotEqual")]
    public void Tokenize_Operator_HasItsKind(string text, string kindName)
    {
        var kind = Enum.Parse<TokenKind>(kindName);
        var token = Lex(text)[0];
        Assert.That(token.Kind, Is.EqualTo(kind));
        Assert.That(token.Length, Is.EqualTo(text.Length));
    }

    [Test]
    public void Tokenize_UnclosedText_ReportsFromOpeningQuoteToEnd()
    {
        var error = LexError("等级 == '好");
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, 6, 2);
    }

    [Test]
    public void Tokenize_UnclosedChineseQuote_Reports()
    {
        var error = LexError("“好");
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, 0, 2);
    }

    [Test]
    public void Tokenize_LonePercent_ReportsNoRemainderOperator()
    {
        var error = LexError("x % 2");
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, 2, 1);
        Assert.That(error.Message, Does.Contain("remainder"));
    }

    [Test]
    public void Tokenize_UnknownCharacters_ReportsEachOne()
    {
        var errors = new List<ExpressionError>();
        Lexer.Tokenize("x # y ; z", errors);
        Assert.That(errors.Select(e => e.Start), Is.EqualTo(new[] { 2, 6 }));
        Assert.That(errors[0].Message, Does.Contain("'#'"));
    }

    [Test]
    public void Tokenize_SingleAmpersand_Reports()
    {
        Kit.AssertError(LexError("a & b"), DiagnosticCodes.ExpressionSyntax, 2, 1);
    }

    [Test]
    public void Tokenize_EmptyBackquotes_Reports()
    {
        Kit.AssertError(LexError("x + ``"), DiagnosticCodes.ExpressionSyntax, 4, 2);
    }

    [Test]
    public void Tokenize_HugeNumber_Reports()
    {
        Kit.AssertError(LexError("1" + new string('0', 20)), DiagnosticCodes.ExpressionSyntax, 0, 21);
    }

    [Test]
    public void Tokenize_NumberFollowedByDotName_KeepsDotSeparate()
    {
        var tokens = Lex("1.x");
        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[] { TokenKind.Number, TokenKind.Dot, TokenKind.Identifier, TokenKind.End }));
    }
}
