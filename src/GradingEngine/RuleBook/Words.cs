using System.Globalization;
using System.Text;
using GradingEngine.Expressions;

namespace GradingEngine.RuleBook;

/// <summary>
/// Joining Chinese words with numbers and names the way a rule book prints them: a space between a number (or an
/// operator) and Chinese text, none between two Chinese words or next to Chinese punctuation.
/// </summary>
internal static class Words
{
    private const string Operators = "+−×÷";

    private const string Tight = "（）“”‘’「」《》〔〕，、；：。！？";

    /// <summary>Joins the parts, spacing them where a reader expects a space.</summary>
    public static string Join(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (text.Length > 0 && NeedsSpace(text[^1], part[0]))
            {
                text.Append(' ');
            }

            text.Append(part);
        }

        return text.ToString();
    }

    /// <summary>Text in Chinese quotation marks: <c>“好”</c>.</summary>
    public static string Quote(string text) => $"“{text}”";

    /// <summary>A number as a rule book shows it: invariant, at most 4 decimals, trailing zeros removed.</summary>
    public static string Number(double value) => ValueFormatter.FormatNumber(value);

    /// <summary>A share of a group as a percentage: <c>0.3</c> → <c>30%</c>.</summary>
    public static string Percent(double share) => ValueFormatter.FormatNumber(share * 100) + "%";

    /// <summary>A weight, as written (<c>0.4</c>).</summary>
    public static string Weight(double weight) => weight.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>One line: line breaks and tabs of scheme text become spaces.</summary>
    public static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static bool NeedsSpace(char last, char first)
    {
        if (char.IsWhiteSpace(last) || char.IsWhiteSpace(first))
        {
            return false;
        }

        if (Operators.Contains(last, StringComparison.Ordinal) || Operators.Contains(first, StringComparison.Ordinal))
        {
            return true;
        }

        if (Tight.Contains(last, StringComparison.Ordinal) || Tight.Contains(first, StringComparison.Ordinal))
        {
            return false;
        }

        return IsLatin(last) || IsLatin(first);
    }

    private static bool IsLatin(char c) => c < 0x2E80 || "−×÷≥≤".Contains(c, StringComparison.Ordinal);
}
