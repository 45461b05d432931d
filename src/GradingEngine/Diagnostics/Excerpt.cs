using System.Text;

namespace GradingEngine.Diagnostics;

/// <summary>Renders an expression with a caret line under a span, aligned for terminals that show CJK characters double-width.</summary>
internal static class Excerpt
{
    public static string Make(string text, int start, int length)
    {
        var line = text.Replace('\n', ' ').Replace('\r', ' ');
        start = Math.Clamp(start, 0, line.Length);
        length = Math.Clamp(length, 1, Math.Max(1, line.Length - start));
        var carets = new StringBuilder("    ");
        for (var i = 0; i < start; i++)
        {
            carets.Append(' ', Width(line[i]));
        }

        for (var i = start; i < start + length; i++)
        {
            carets.Append('^', i < line.Length ? Width(line[i]) : 1);
        }

        return "    " + line + Environment.NewLine + carets;
    }

    private static int Width(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6'
            ? 2
            : 1;
}
