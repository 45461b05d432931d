using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace GradingEngine.Batch.Summary;

/// <summary>Writes a <see cref="BatchSummary"/> as indented JSON with camel-case names, in declaration order, and reads it back.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        Culture = System.Globalization.CultureInfo.InvariantCulture,
    });

    /// <summary>Writes the summary.</summary>
    public static void Write(BatchSummary summary, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writer);
        Serializer.Serialize(writer, summary);
        writer.WriteLine();
    }

    /// <summary>Reads a summary a run wrote (<c>summary.json</c>).</summary>
    /// <exception cref="JsonException">The text is not a summary.</exception>
    public static BatchSummary Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var json = new JsonTextReader(reader) { CloseInput = false };
        return Serializer.Deserialize<BatchSummary>(json) ?? throw new JsonSerializationException("summary.json 为空 (summary.json is empty)");
    }

    /// <summary>The summary as JSON text.</summary>
    public static string ToJson(BatchSummary summary)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(summary, writer);
        return writer.ToString();
    }
}
