namespace GradingEngine.Batch.Input;

/// <summary>The layout of a batch record file.</summary>
internal enum RecordFormat
{
    /// <summary>Comma-separated values (RFC 4180) with a header record naming the columns.</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line; each property (or property of a nested object) is a column.</summary>
    JsonLines,
}
