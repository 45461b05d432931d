using System.Buffers;
using System.Text;
using GradingEngine.Diagnostics;

namespace GradingEngine.Schemes.Json;

/// <summary>
/// The text of a scheme file. A file is UTF-8 (a byte order mark is allowed and skipped) and is decoded strictly:
/// bytes that are not UTF-8 (a scheme saved as GBK, say) are reported with their byte offset, line and column
/// instead of being decoded to U+FFFD, which would silently garble ids and labels. Text that holds a NUL, an unpaired
/// surrogate or U+FFFD (what a lossy decoder leaves behind) is reported too (<see cref="DiagnosticCodes.InvalidText"/>).
/// </summary>
internal static class SchemeText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest file accepted, in bytes: UTF-8 takes at most 3 bytes per UTF-16 character.</summary>
    public const int MaxBytes = 3 * JsonTreeReader.MaxLength;

    /// <summary>Decodes a scheme file's bytes; null after reporting when they are not UTF-8.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, DiagnosticBag bag)
    {
        var skipped = 0;
        if (bytes.StartsWith(stackalloc byte[] { 0xEF, 0xBB, 0xBF }))
        {
            skipped = 3;
        }
        else if (bytes.StartsWith(stackalloc byte[] { 0xFF, 0xFE }) || bytes.StartsWith(stackalloc byte[] { 0xFE, 0xFF }))
        {
            bag.Add(DiagnosticCodes.InvalidText,
                "文件是 UTF-16 编码：方案文件应保存为 UTF-8 (the file is UTF-16; save the scheme as UTF-8)",
                new SourceLocation(bag.File, 1, 1, string.Empty));
            return null;
        }

        bytes = bytes[skipped..];
        if (bytes.Length > MaxBytes)
        {
            bag.Add(DiagnosticCodes.JsonTooLarge,
                $"文件过大：{bytes.Length} 字节，上限 {MaxBytes} (file too large: {bytes.Length} bytes, limit {MaxBytes})",
                new SourceLocation(bag.File, 1, 1, string.Empty));
            return null;
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        // Find the first byte that is not UTF-8, counting lines and (UTF-16) columns as the JSON reader does.
        var line = 1;
        var column = 1;
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) == OperationStatus.Done)
        {
            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column += rune.Utf16SequenceLength;
            }

            offset += consumed;
        }

        var at = skipped + offset;
        var value = offset < bytes.Length ? bytes[offset] : (byte)0;
        bag.Add(DiagnosticCodes.InvalidText,
            $"文件不是有效的 UTF-8：第 {at} 字节（0x{value:X2}）无法解码，文件可能以 GBK 等其他编码保存，请另存为 UTF-8 " +
            $"(the file is not valid UTF-8: the byte at offset {at} (0x{value:X2}) cannot be decoded; it may have been saved as GBK or another encoding, save it as UTF-8)",
            new SourceLocation(bag.File, line, column, string.Empty));
        return null;
    }

    /// <summary>
    /// Reports, once each with where it first occurs and how often, the characters no scheme text may hold: NUL,
    /// unpaired surrogates and U+FFFD. True when there are none.
    /// </summary>
    public static bool CheckCharacters(string text, DiagnosticBag bag)
    {
        var found = new (int Line, int Column, int Count)[3];
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int kind;
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            if (c == '\0')
            {
                kind = 0;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            else if (char.IsSurrogate(c))
            {
                kind = 1;
            }
            else if (c == '\uFFFD')
            {
                kind = 2;
            }
            else
            {
                continue;
            }

            found[kind] = found[kind].Count == 0 ? (line, i - lineStart + 1, 1) : found[kind] with { Count = found[kind].Count + 1 };
        }

        for (var kind = 0; kind < found.Length; kind++)
        {
            if (found[kind].Count > 0)
            {
                var (chinese, english) = Describe(kind);
                var (hint, hintEnglish) = Hint(kind);
                var count = found[kind].Count;
                bag.Add(DiagnosticCodes.InvalidText,
                    $"文件含有{chinese}（共 {count} 处，第一处在此）{hint} (the file holds {english}: {count} in all, the first here{hintEnglish})",
                    new SourceLocation(bag.File, found[kind].Line, found[kind].Column, string.Empty));
            }
        }

        return found.All(f => f.Count == 0);
    }

    /// <summary>What is wrong with a string value or property name (written with escapes), or null when nothing.</summary>
    public static (string Chinese, string English)? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (c == '\0')
            {
                return Describe(0);
            }
            else if (char.IsSurrogate(c))
            {
                return Describe(1);
            }
            else if (c == '\uFFFD')
            {
                // Newtonsoft reads an unpaired surrogate escape ("\ud800") as U+FFFD.
                return ("替换字符 U+FFFD（不成对的代理项转义如 \\ud800 也读作它），不是有效的文本", "the replacement character U+FFFD (which an unpaired surrogate escape such as \\ud800 also reads as), not valid text");
            }
        }

        return null;
    }

    private static (string Chinese, string English) Describe(int kind) => kind switch
    {
        0 => ("空字符 NUL（\\u0000）", "a NUL character (\\u0000)"),
        1 => ("不成对的代理项（如 \\ud800），不是有效的 Unicode 字符", "an unpaired surrogate (such as \\ud800), which is not a Unicode character"),
        _ => ("替换字符 U+FFFD，文本可能曾以错误的编码读取", "the replacement character U+FFFD, left where text was decoded with the wrong encoding"),
    };

    /// <summary>What a character found in the file's text (not written as an escape) suggests.</summary>
    private static (string Chinese, string English) Hint(int kind) => kind switch
    {
        0 => ("，可能是二进制文件或 UTF-16 文件", "; it may be a binary or UTF-16 file"),
        2 => ("，请以 UTF-8 重新保存", "; save the file as UTF-8"),
        _ => (string.Empty, string.Empty),
    };
}

/// <summary>A scheme's source: its name for messages, and its JSON as text or as the bytes of a UTF-8 file.</summary>
internal sealed record SchemeSource(string Name, string? Text, byte[]? Bytes)
{
    public static SchemeSource FromText(string name, string text) => new(name, text, null);

    public static SchemeSource FromFile(string path) => new(path, null, File.ReadAllBytes(path));

    /// <summary>Decodes (for bytes) and reads the JSON tree; null after reporting when it has problems.</summary>
    public JsonNode? Read(DiagnosticBag bag)
    {
        var text = Text ?? SchemeText.Decode(Bytes ?? [], bag);
        return text is null ? null : JsonTreeReader.Read(text, bag);
    }
}
