using GradingEngine.Batch.Report;

namespace GradingEngine.Store;

/// <summary>A stored result row as the report reads it: the text as graded, scores and totals as the result files show them.</summary>
internal static class StoredReportRow
{
    public static ResultRow Of(string id, string? organisation, string? name, string[]? region, string? level, double total, double[] items,
        string[]? flags, string[]? measures, string? quota, string? bottomRanking, string? lastYear)
    {
        var scores = new double?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            scores[i] = ReportNumber.AsWritten(items[i]);
        }

        return new ResultRow(
            id,
            organisation ?? id,
            name ?? string.Empty,
            region ?? [],
            level ?? string.Empty,
            ReportNumber.AsWritten(total),
            scores,
            flags ?? [],
            measures ?? [],
            quota ?? string.Empty,
            bottomRanking ?? string.Empty,
            lastYear ?? string.Empty);
    }
}
