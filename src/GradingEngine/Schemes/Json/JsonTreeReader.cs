using System.Globalization;
using System.Numerics;
using GradingEngine.Diagnostics;
using Newtonsoft.Json;

namespace GradingEngine.Schemes.Json;

/// <summary>
/// Reads JSON text into a <see cref="JsonNode"/> tree that keeps the start position of every value.
/// Duplicate properties are reported (the first one is kept) and reading goes on; a syntax error ends reading
/// with its line and column. Comments are allowed and skipped, which policy teams use to annotate schemes.
/// </summary>
internal static class JsonTreeReader
{
    /// <summary>Deepest nesting accepted; deeper input is reported, never a stack overflow.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest scheme file accepted, in characters.</summary>
    public const int MaxLength = 8 * 1024 * 1024;

    public static JsonNode? Read(string text, DiagnosticBag bag)
    {
        if (text.Length > MaxLength)
        {
            bag.Add(DiagnosticCodes.JsonTooLarge,
                $"文件过大：{text.Length} 个字符，上限 {MaxLength} (file too large: {text.Length} characters, limit {MaxLength})",
                new SourceLocation(bag.File, 1, 1, string.Empty));
            return null;
        }

        if (!SchemeText.CheckCharacters(text, bag))
        {
            return null;
        }

        if (text.StartsWith('\uFEFF'))
        {
            text = " " + text[1..]; // a byte order mark, kept as a space so that columns stay those of the file
        }

        var lines = SplitLines(text);
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = MaxDepth,
        };

        try
        {
            if (!ReadSkippingComments(reader))
            {
                bag.Add(DiagnosticCodes.JsonSyntax, "文件为空 (the file is empty)", new SourceLocation(bag.File, 1, 1, string.Empty));
                return null;
            }

            var root = ReadValue(reader, lines, bag);
            if (ReadSkippingComments(reader))
            {
                bag.Add(DiagnosticCodes.JsonSyntax, "JSON 值之后还有多余内容 (additional text after the JSON value)",
                    new SourceLocation(bag.File, reader.LineNumber, reader.LinePosition, string.Empty));
            }

            return root;
        }
        catch (JsonReaderException ex)
        {
            var tooDeep = ex.Message.Contains("MaxDepth", StringComparison.Ordinal);
            var message = tooDeep
                ? $"JSON 嵌套超过 {MaxDepth} 层 (JSON nested deeper than {MaxDepth} levels)"
                : Describe(ex);
            bag.Add(tooDeep ? DiagnosticCodes.JsonTooDeep : DiagnosticCodes.JsonSyntax, message,
                new SourceLocation(bag.File, Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1), ex.Path ?? string.Empty));
            return null;
        }
    }

    /// <summary>Newtonsoft's words for a syntax error, and what we say in Chinese for them.</summary>
    private static readonly (string English, string Chinese)[] SyntaxWords =
    [
        ("Unexpected end", "文本意外结束，可能缺少括号或引号"),
        ("Unterminated string", "字符串缺少结束引号"),
        ("Expected ':'", "属性名之后应为冒号"),
        ("property identifier character", "属性名中有无效字符"),
        ("After parsing a value", "值之后有意外的字符，可能缺少逗号"),
        ("Additional text", "JSON 值之后还有多余内容"),
        ("Unexpected character", "遇到意外的字符"),
        ("Bad JSON escape", "字符串中的转义序列无效"),
    ];

    /// <summary>
    /// A syntax error as <c>中文 (english)</c>: Newtonsoft's message for the gloss, without the
    /// <c>Path '…', line n, position m.</c> it appends (reported as the location), and the character it names quoted.
    /// </summary>
    private static string Describe(JsonReaderException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(", line ", StringComparison.Ordinal);
        }

        var english = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        string? character = null;
        var colon = english.LastIndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && english.Length - colon - 2 is 1 or 2 && !english.EndsWith('\\'))
        {
            character = english[(colon + 2)..];
            english = $"{english[..colon]}: '{character}'";
        }

        var chinese = SyntaxWords.FirstOrDefault(w => english.Contains(w.English, StringComparison.Ordinal)).Chinese;
        var quoted = character is null ? string.Empty : $"“{character}”";
        return $"JSON 语法错误{(chinese is null ? string.Empty : "：" + chinese)}{quoted} (JSON syntax error: {english})";
    }

    private static bool ReadSkippingComments(JsonTextReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonNode ReadValue(JsonTextReader reader, string[] lines, DiagnosticBag bag)
    {
        var path = reader.Path;
        var line = reader.LineNumber;
        var end = reader.LinePosition;
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
            {
                var node = new JsonObjectNode(path, line, end) { File = bag.File };
                while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    var (nameLine, nameColumn) = (reader.LineNumber, PropertyNameStart(lines, reader.LineNumber, reader.LinePosition));
                    CheckString(name, bag, nameLine, nameColumn, reader.Path);
                    if (!ReadSkippingComments(reader))
                    {
                        throw new JsonReaderException($"Unexpected end of file after property '{name}'.", reader.Path, reader.LineNumber, reader.LinePosition, null);
                    }

                    var value = ReadValue(reader, lines, bag);
                    if (node.Find(name) is { } first)
                    {
                        bag.Add(DiagnosticCodes.DuplicateProperty,
                            $"属性“{name}”重复，第一次出现在第 {first.Line} 行 (duplicate property '{name}', first at line {first.Line})",
                            new SourceLocation(bag.File, nameLine, nameColumn, value.Path));
                    }
                    else
                    {
                        node.Properties.Add(new JsonPropertyNode(name, nameLine, nameColumn, value));
                    }
                }

                return node;
            }

            case JsonToken.StartArray:
            {
                var node = new JsonArrayNode(path, line, end) { File = bag.File };
                while (ReadSkippingComments(reader) && reader.TokenType != JsonToken.EndArray)
                {
                    node.Items.Add(ReadValue(reader, lines, bag));
                }

                return node;
            }

            case JsonToken.String:
            {
                var rawLine = LineAt(lines, line);
                var start = StringStart(rawLine, end);
                CheckString((string)reader.Value!, bag, line, start, path);
                return new JsonScalarNode(path, line, start, JsonScalarKind.String, reader.Value, rawLine) { File = bag.File };
            }

            case JsonToken.Integer:
            {
                var start = BareStart(LineAt(lines, line), end);
                // Kept as a long (exact) when it fits, so that a bound beyond 2^53 is seen before it is rounded to a double.
                var value = reader.Value is BigInteger big ? (object)(double)big : Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
                return new JsonScalarNode(path, line, start, value is long ? JsonScalarKind.Integer : JsonScalarKind.Float, value, null) { File = bag.File };
            }

            case JsonToken.Float:
                return new JsonScalarNode(path, line, BareStart(LineAt(lines, line), end), JsonScalarKind.Float,
                    Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture), null) { File = bag.File };

            case JsonToken.Boolean:
                return new JsonScalarNode(path, line, BareStart(LineAt(lines, line), end), JsonScalarKind.Boolean, reader.Value, null) { File = bag.File };

            case JsonToken.Undefined:
                // Newtonsoft reads a missing value ("a": , or [1,,2]) as undefined; JSON has no such thing.
                throw new JsonReaderException("Missing value", path, line, end, null);

            case JsonToken.Null:
                return new JsonScalarNode(path, line, BareStart(LineAt(lines, line), end), JsonScalarKind.Null, null, null) { File = bag.File };

            default:
                throw new JsonReaderException($"Unexpected token {reader.TokenType}.", path, line, end, null);
        }
    }

    /// <summary>Reports a string or property name that escapes produced a NUL, an unpaired surrogate or U+FFFD in.</summary>
    private static void CheckString(string value, DiagnosticBag bag, int line, int column, string path)
    {
        if (SchemeText.Problem(value) is var (chinese, english))
        {
            bag.Add(DiagnosticCodes.InvalidText, $"字符串含有{chinese} (the string holds {english})", new SourceLocation(bag.File, line, column, path));
        }
    }

    private static string[] SplitLines(string text) => text.Split('\n');

    private static string LineAt(string[] lines, int line) =>
        line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : string.Empty;

    /// <summary>Newtonsoft reports the column of a string's closing quote; find the opening one.</summary>
    private static int StringStart(string raw, int closingColumn)
    {
        var close = closingColumn - 1;
        if (close < 0 || close >= raw.Length || (raw[close] != '"' && raw[close] != '\''))
        {
            return Math.Max(closingColumn, 1);
        }

        var quote = raw[close];
        for (var i = close - 1; i >= 0; i--)
        {
            if (raw[i] != quote)
            {
                continue;
            }

            var backslashes = 0;
            for (var j = i - 1; j >= 0 && raw[j] == '\\'; j--)
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                return i + 1;
            }
        }

        return Math.Max(closingColumn, 1);
    }

    /// <summary>Newtonsoft reports the column after a property name's colon; find the name's opening quote.</summary>
    private static int PropertyNameStart(string[] lines, int line, int afterColon)
    {
        var raw = LineAt(lines, line);
        var i = Math.Min(afterColon - 1, raw.Length - 1);
        while (i >= 0 && raw[i] != ':')
        {
            i--;
        }

        i--;
        while (i >= 0 && char.IsWhiteSpace(raw[i]))
        {
            i--;
        }

        if (i >= 0 && (raw[i] == '"' || raw[i] == '\''))
        {
            return StringStart(raw, i + 1);
        }

        while (i > 0 && (char.IsLetterOrDigit(raw[i - 1]) || raw[i - 1] == '_' || raw[i - 1] == '$'))
        {
            i--;
        }

        return Math.Max(i + 1, 1);
    }

    /// <summary>For numbers, booleans and null Newtonsoft reports the last character; find the first.</summary>
    private static int BareStart(string raw, int lastColumn)
    {
        var i = Math.Min(lastColumn - 1, raw.Length - 1);
        while (i > 0 && !IsDelimiter(raw[i - 1]))
        {
            i--;
        }

        return Math.Max(i + 1, 1);
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is ',' or ':' or '[' or '{';
}
