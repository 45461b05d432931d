namespace GradingEngine.Schemes;

/// <summary>
/// The ranges numbers written in a scheme must lie in (see docs/scheme-format.md, "Numbers"). Every number is finite;
/// points and score thresholds stay far from where sums of them could overflow or lose cents; bounds, defaults and
/// initial values stay where a double holds every whole number exactly.
/// </summary>
internal static class SchemeLimits
{
    /// <summary>The largest magnitude of points, a rating's scale and a level's <c>minScore</c>: 10^9.</summary>
    public const double MaxPoints = 1e9;

    /// <summary>
    /// The largest magnitude of any other number (an input's <c>min</c>/<c>max</c>, a default, an initial value):
    /// 2^53, beyond which a double cannot hold every whole number.
    /// </summary>
    public const double MaxExact = 9007199254740992;
}
