using System.Text;
using System.Text.RegularExpressions;

namespace GradingEngine.Diagnostics;

/// <summary>
/// Renders an expression with a caret line under a span, aligned for terminals that show CJK characters double-width.
/// A long expression is cut to a window around the span, marked with <c>...</c> where text is left out, so a message
/// never echoes more than about <see cref="MaxShown"/> characters of it.
/// </summary>
internal static partial class Excerpt
{
    /// <summary>The most characters of the expression shown.</summary>
    public const int MaxShown = 120;

    /// <summary>Characters shown before the span when the expression is cut.</summary>
    private const int Before = 40;

    private const string Cut = "...";

    public static string Make(string text, int start, int length)
    {
        var line = text.Replace('\n', ' ').Replace('\r', ' ');
        start = Math.Clamp(start, 0, line.Length);
        length = Math.Clamp(length, 1, Math.Max(1, line.Length - start));

        var from = 0;
        var to = line.Length;
        if (line.Length > MaxShown)
        {
            from = Math.Max(0, Math.Min(start - Before, line.Length - MaxShown));
            to = Math.Min(line.Length, from + MaxShown);
            from = AvoidSplit(line, from, forward: true);
            to = AvoidSplit(line, to, forward: false);
        }

        var shown = new StringBuilder("    ");
        var carets = new StringBuilder("    ");
        if (from > 0)
        {
            shown.Append(Cut);
            carets.Append(' ', Cut.Length);
        }

        shown.Append(line, from, to - from);
        if (to < line.Length)
        {
            shown.Append(Cut);
        }

        for (var i = from; i < start; i++)
        {
            carets.Append(' ', Width(line[i]));
        }

        var end = Math.Min(start + length, Math.Max(to, start + 1));
        for (var i = start; i < end; i++)
        {
            carets.Append('^', i < line.Length ? Width(line[i]) : 1);
        }

        return shown + Environment.NewLine + carets;
    }

    /// <summary>The longest name or text quoted whole in a message; longer ones are cut.</summary>
    public const int MaxQuoted = 100;

    /// <summary>The longest JSON path shown whole; a longer one keeps its start and end.</summary>
    public const int MaxPath = 200;

    /// <summary>The longest message; a longer one (after its quotes are cut) keeps its start and end.</summary>
    public const int MaxMessage = 2000;

    /// <summary>
    /// A message with every quoted name or text longer than <see cref="MaxQuoted"/> characters cut to its start (in
    /// “…”, or in '…' when it has no space), and at most <see cref="MaxMessage"/> characters in all, so that a scheme
    /// with a huge id, label or word never gets a huge message.
    /// </summary>
    public static string ShortenMessage(string message)
    {
        if (message.Length <= MaxQuoted)
        {
            return message;
        }

        message = LongQuote().Replace(message, m =>
        {
            var quoted = m.Value[1..^1];
            var keep = AvoidSplit(quoted, MaxQuoted / 2, forward: false);
            return $"{m.Value[0]}{quoted[..keep]}{Cut}{m.Value[^1]}";
        });
        return Middle(message, MaxMessage);
    }

    /// <summary>A JSON path cut in the middle when longer than <see cref="MaxPath"/> characters.</summary>
    public static string ShortenPath(string path) => Middle(path, MaxPath);

    private static string Middle(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var head = AvoidSplit(text, max / 2, forward: false);
        var tail = AvoidSplit(text, text.Length - (max / 2), forward: true);
        return text[..head] + Cut + text[tail..];
    }

    [GeneratedRegex("“[^”]{101,}”|'[^'\\s]{101,}'", RegexOptions.CultureInvariant)]
    private static partial Regex LongQuote();

    /// <summary>Moves a cut off the middle of a surrogate pair.</summary>
    private static int AvoidSplit(string line, int at, bool forward) =>
        at > 0 && at < line.Length && char.IsLowSurrogate(line[at]) && char.IsHighSurrogate(line[at - 1]) ? (forward ? at + 1 : at - 1) : at;

    private static int Width(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6'
            ? 2
            : 1;
}
