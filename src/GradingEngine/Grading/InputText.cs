using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using GradingEngine.RuleModel;

namespace GradingEngine.Grading;

/// <summary>
/// How a subject's input is written as text — the words for numbers, booleans and dates, and the names an input
/// answers to — shared by single-subject binding (<see cref="SubjectBinder"/>) and batch files, so a cell and a JSON
/// property mean the same thing.
/// </summary>
internal static class InputText
{
    private static readonly SearchValues<char> ForbiddenControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"];

    /// <summary>
    /// The index of the first character no data value may hold, or -1: a control character other than tab, line feed
    /// and carriage return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F), or one half of a surrogate pair
    /// without the other (not Unicode text). Printable ASCII, the usual case of a cell, is skipped in one vector pass.
    /// </summary>
    public static int IndexOfForbiddenCharacter(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyExceptInRange(' ', '~');
        if (i < 0)
        {
            return -1;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (c is '\t' or '\n' or '\r')
                {
                    continue;
                }

                return i;
            }

            if (c == '\u007F')
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// False when <paramref name="text"/> certainly holds no character <see cref="IndexOfForbiddenCharacter"/> would
    /// find: no control character but tab, line feed and carriage return, and no surrogate (a valid pair makes it
    /// true as well). Two vector passes, for a whole record at once.
    /// </summary>
    public static bool MayHoldForbiddenCharacter(ReadOnlySpan<char> text) =>
        text.IndexOfAny(ForbiddenControls) >= 0 || text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>
    /// What is wrong with <paramref name="text"/>, whose character at <paramref name="index"/> is one
    /// <see cref="IndexOfForbiddenCharacter"/> found: the character as U+XXXX and its 1-based position.
    /// </summary>
    public static string DescribeForbiddenCharacter(ReadOnlySpan<char> text, int index)
    {
        var c = (int)text[index];
        var position = index + 1;
        return char.IsSurrogate(text[index])
            ? string.Create(CultureInfo.InvariantCulture, $"第 {position} 个字符 U+{c:X4} 是不成对的代理项，不是有效的 Unicode 文本 (lone surrogate U+{c:X4} at character {position}: not valid Unicode text)")
            : string.Create(CultureInfo.InvariantCulture, $"第 {position} 个字符 U+{c:X4} 是控制字符，数据中不能有 (control character U+{c:X4} at character {position}: not allowed in data)");
    }

    /// <summary>
    /// <paramref name="text"/> without white space at either end, as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/>
    /// gives it: a cell whose first and last characters cannot be white space (every white space character is at most
    /// U+3000, the ideographic space; Chinese text lies above it) is returned without asking the Unicode tables.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) =>
        text.IsEmpty || (!MayBeWhiteSpace(text[0]) && !MayBeWhiteSpace(text[^1])) ? text : text.Trim();

    private static bool MayBeWhiteSpace(char c) => c <= ' ' || c is >= '\u0085' and <= '\u3000';

    /// <summary>
    /// A whole number of one to nine ASCII digits, nothing else (no sign, no point): what most cells of a data file
    /// hold. False for anything else, which <see cref="TryParseNumber"/> then reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if ((uint)(text.Length - 1) >= 9)
        {
            return false;
        }

        var n = 0;
        foreach (var c in text)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            n = (n * 10) + (int)d;
        }

        value = n;
        return true;
    }

    /// <summary>A finite decimal number (invariant culture): a fast path for plain integers, else floating point.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        if (text.Length is > 0 and <= 9)
        {
            var negative = text[0] == '-';
            var i = negative ? 1 : 0;
            if (i < text.Length)
            {
                long n = 0;
                for (; i < text.Length; i++)
                {
                    var d = (uint)(text[i] - '0');
                    if (d > 9)
                    {
                        goto Slow;
                    }

                    n = (n * 10) + d;
                }

                value = negative ? -n : n;
                return true;
            }
        }

    Slow:
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>是/否, true/false, yes/no, 1/0, Y/N (any case).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Length == 1)
        {
            switch (text[0])
            {
                case '是' or '1' or 'Y' or 'y':
                    value = true;
                    return true;
                case '否' or '0' or 'N' or 'n':
                    value = false;
                    return true;
            }
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>yyyy-MM-dd, yyyy/M/d or yyyy-M-d.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// Every name an input answers to, mapped to its index in <paramref name="inputs"/>: its id, its Chinese label,
    /// and for a rater score <c>评价项标签.评价主体标签</c> (the label with <c>·</c> written as <c>.</c>).
    /// </summary>
    public static Dictionary<string, int> Names(IReadOnlyList<InputPlan> inputs)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            names.TryAdd(input.Id, i);
            if (input.Label is { } label)
            {
                names.TryAdd(label, i);
                names.TryAdd(label.Replace('·', '.'), i);
            }
        }

        return names;
    }
}
