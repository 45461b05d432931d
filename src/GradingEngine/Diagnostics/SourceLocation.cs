namespace GradingEngine.Diagnostics;

/// <summary>
/// Where something is in a scheme file: the file, the 1-based line and column, the JSON path and, for a problem
/// inside an expression, the 1-based column within the expression text.
/// </summary>
/// <param name="File">The file name, or a description such as <c>&lt;string&gt;</c> when loaded from memory.</param>
/// <param name="Line">1-based line in the file; 0 when unknown.</param>
/// <param name="Column">1-based column in the file; 0 when unknown.</param>
/// <param name="JsonPath">JSON path of the value, e.g. <c>rules[3].when</c>.</param>
/// <param name="ExpressionColumn">1-based column inside the expression text, when the problem is in an expression.</param>
public sealed record SourceLocation(string File, int Line, int Column, string JsonPath, int? ExpressionColumn = null)
{
    /// <summary>JSON path of the value, e.g. <c>rules[3].when</c>; cut in the middle when very long.</summary>
    public string JsonPath { get; init; } = Excerpt.ShortenPath(JsonPath);

    /// <summary>An unknown location.</summary>
    public static SourceLocation None { get; } = new("<unknown>", 0, 0, string.Empty);

    /// <summary>Formats the location as <c>file(line,col)</c>, the form compilers and editors understand.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}({Line},{Column})" : File;
        return ExpressionColumn is { } ec ? $"{where} {JsonPath} [expression column {ec}]" : $"{where} {JsonPath}";
    }
}
