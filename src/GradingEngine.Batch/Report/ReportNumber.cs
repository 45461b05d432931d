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
    /// <remarks>
    /// The cell is <see cref="Semantics.Round(double, int)"/> to 4 places, written with its digits: that double is the
    /// one nearest to k·10⁻⁴, which its text reads back as; so no text is made here.
    /// </remarks>
    public static double AsWritten(double value)
    {
        if (Math.Abs(value) < 1e13 && Math.Round(value * 100) / 100 == value)
        {
            return value; // written exactly (whole numbers and hundredths: nearly every score)
        }

        var rounded = Semantics.Round(value, 4);
        return rounded == 0 ? 0 : rounded;
    }
}
