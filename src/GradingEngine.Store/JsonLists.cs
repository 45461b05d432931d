using System.Globalization;
using System.Text.Json;

namespace GradingEngine.Store;

/// <summary>Lists read back from the compact JSON arrays SQLite keeps them as (written by <see cref="TextRowBlock"/>; <c>json_extract</c> and <c>json_each</c> read them too).</summary>
internal static class JsonLists
{
    public static string[]? Texts(string? json) => json is null ? null : JsonSerializer.Deserialize<string[]>(json);

    public static double[] Numbers(string json) => JsonSerializer.Deserialize<double[]>(json) ?? [];

}

/// <summary>SQL text with numbers in the invariant culture (ids, years: never user text, which goes in parameters).</summary>
internal static class Sql
{
    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
