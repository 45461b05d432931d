using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradingEngine.Batch.Report;

/// <summary>
/// A <see cref="ProvinceReport"/> as one JSON document, for the results store to keep with its run: the report's
/// aggregates as they are (counts, shares, bounded lists), read back into the same report, which writes the same page.
/// </summary>
internal static class ReportJson
{
    /// <summary>The document's format; a store keeping another one makes the report again from the run's rows.</summary>
    public const int Format = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(ProvinceReport report) => JsonSerializer.Serialize(report, Options);

    /// <exception cref="JsonException">The text is not a report of this format.</exception>
    public static ProvinceReport Read(string json) =>
        JsonSerializer.Deserialize<ProvinceReport>(json, Options) ?? throw new JsonException("报告汇总为空 (the report document is empty)");
}
