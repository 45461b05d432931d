namespace GradingEngine.Diagnostics;

/// <summary>
/// Splits a message written as <c>中文 (english gloss)</c> into its two parts. The gloss is the last parenthesised
/// group that closes at the very end of the message and opens after a space. Parentheses inside quotes (“…”, ‘…’,
/// 「…」, "…" and '…' around a name) do not count, so a quoted expression such as “(a + b” never moves the split, and
/// nested parentheses in the gloss (“(the rating (三评) …)”) stay in it; full-width （…） in Chinese text are text.
/// </summary>
internal static class BilingualText
{
    /// <summary>The Chinese part and the English gloss, or null when the message is not written that way.</summary>
    public static (string Chinese, string English)? Split(string message)
    {
        if (message.Length < 4 || message[^1] != ')')
        {
            return null;
        }

        // Forward once, keeping the depth of the ASCII parentheses outside quotes; the gloss opens where the depth
        // that closes at the last character was entered.
        var open = new Stack<int>();
        var closing = default(char?);
        var start = -1;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (closing is { } end)
            {
                if (c == end && (end != '\'' || !IsWordChar(message, i + 1)))
                {
                    closing = null;
                }

                continue;
            }

            switch (c)
            {
                case '“':
                    closing = '”';
                    break;
                case '‘':
                    closing = '’';
                    break;
                case '「':
                    closing = '」';
                    break;
                case '"':
                    closing = '"';
                    break;
                case '\'' when !IsWordChar(message, i - 1) && message.IndexOf('\'', i + 1) > i:
                    closing = '\'';
                    break;
                case '(':
                    open.Push(i);
                    break;
                case ')':
                    if (open.Count == 0)
                    {
                        return null;
                    }

                    var opened = open.Pop();
                    if (i == message.Length - 1 && open.Count == 0)
                    {
                        start = opened;
                    }

                    break;
            }
        }

        if (start < 1 || message[start - 1] != ' ' || closing is not null)
        {
            return null;
        }

        var chinese = message[..(start - 1)].TrimEnd();
        var english = message[(start + 1)..^1].Trim();
        return chinese.Length == 0 || english.Length == 0 ? null : (chinese, english);
    }

    /// <summary>The message in one language; the whole message when it is not written as <c>中文 (english)</c>.</summary>
    public static string In(string message, MessageLanguage language) =>
        language == MessageLanguage.Bilingual || Split(message) is not { } parts
            ? message
            : language == MessageLanguage.Chinese ? parts.Chinese : parts.English;

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_');
}
