using System.Text.Json;
using GradingEngine.Batch.Output;

namespace GradingEngine.Store;

/// <summary>The run's descriptive columns as JSON (schemes, inputs, region levels).</summary>
internal static class RunJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static IReadOnlyList<string> Schemes(string json) =>
        (JsonSerializer.Deserialize<SchemeUsed[]>(json, Options) ?? []).Select(s => $"{s.Id} {s.Version}").ToList();
}
