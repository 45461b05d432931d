using System.Globalization;
using GradingEngine.Expressions;

namespace GradingEngine.Batch.Report;

/// <summary>
/// A score or total as the results show it: the result files write numbers with at most 4 decimals
/// (<see cref="ValueFormatter.FormatNumber"/>), and the report is made from what they show, so that a report
/// aggregated while the run commits, one read back from the files and one read from the store are the same.
/// </summary>
internal static class ReportNumber
{
    /// <summary>The number a result file's cell holds for <paramref name="value"/>, read back.</summary>
    public static double AsWritten(double value)
    {
        if (Math.Abs(value) < 1e13 && Math.Round(value * 100) / 100 == value)
        {
            return value; // written exactly (whole numbers and hundredths: nearly every score)
        }

        Span<char> text = stackalloc char[32];
        return ValueFormatter.TryFormatNumber(value, text, out var written)
            && double.TryParse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out var shown)
            ? shown
            : double.Parse(ValueFormatter.FormatNumber(value), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
