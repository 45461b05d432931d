using GradingEngine.Diagnostics;

namespace GradingEngine.Schemes.Json;

/// <summary>
/// A JSON value with the place it was read from. The scheme reader works on these rather than on
/// Newtonsoft's JToken so that it can report duplicate properties and every position, not just the first error.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(string path, int line, int column)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>JSON path such as <c>rules[2].when</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the first character of the value.</summary>
    public int Line { get; }

    /// <summary>1-based column of the first character of the value.</summary>
    public int Column { get; }

    /// <summary>A name for the JSON kind, for messages.</summary>
    public abstract string KindName { get; }

    /// <summary>The file the node was read from (a variant scheme mixes nodes of two files); null if unknown.</summary>
    public string? File { get; init; }

    /// <summary>Where the node is; <paramref name="file"/> is used when the node does not know its own file.</summary>
    public SourceLocation Location(string file) => new(File ?? file, Line, Column, Path);
}

/// <summary>A JSON object; property order is kept.</summary>
internal sealed class JsonObjectNode(string path, int line, int column) : JsonNode(path, line, column)
{
    public List<JsonPropertyNode> Properties { get; } = [];

    public override string KindName => "object";

    public JsonPropertyNode? Find(string name)
    {
        foreach (var p in Properties)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }
}

/// <summary>One property of an object: its name's position and its value.</summary>
internal sealed record JsonPropertyNode(string Name, int Line, int Column, JsonNode Value);

/// <summary>A JSON array.</summary>
internal sealed class JsonArrayNode(string path, int line, int column) : JsonNode(path, line, column)
{
    public List<JsonNode> Items { get; } = [];

    public override string KindName => "array";
}

/// <summary>The kinds of JSON scalar.</summary>
internal enum JsonScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    Null,
}

/// <summary>A JSON string, number, boolean or null.</summary>
internal sealed class JsonScalarNode : JsonNode
{
    private readonly string? _rawLine;

    public JsonScalarNode(string path, int line, int column, JsonScalarKind kind, object? value, string? rawLine)
        : base(path, line, column)
    {
        Kind = kind;
        Value = value;
        _rawLine = rawLine;
    }

    public JsonScalarKind Kind { get; }

    /// <summary>string, long, double, bool or null.</summary>
    public object? Value { get; }

    public override string KindName => Kind switch
    {
        JsonScalarKind.String => "string",
        JsonScalarKind.Integer or JsonScalarKind.Float => "number",
        JsonScalarKind.Boolean => "boolean",
        _ => "null",
    };

    /// <summary>
    /// The 1-based file column of the character at <paramref name="offset"/> in this string's decoded value,
    /// accounting for escape sequences in the source. Falls back to the string's start when unknown.
    /// </summary>
    public int FileColumnOf(int offset)
    {
        if (Kind != JsonScalarKind.String || _rawLine is null)
        {
            return Column;
        }

        // Column points at the opening quote; walk the raw text decoding escapes.
        var raw = Column; // 0-based index of the first character after the quote is Column (1-based quote).
        var decoded = 0;
        while (decoded < offset && raw < _rawLine.Length)
        {
            if (_rawLine[raw] == '\\' && raw + 1 < _rawLine.Length)
            {
                raw += _rawLine[raw + 1] == 'u' ? 6 : 2;
            }
            else
            {
                raw++;
            }

            decoded++;
        }

        return raw + 1;
    }
}
