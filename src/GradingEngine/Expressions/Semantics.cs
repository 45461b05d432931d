namespace GradingEngine.Expressions;

/// <summary>
/// The runtime meaning of the language's non-trivial operations, shared by the compiled code (which calls these
/// methods) and the reference interpreter, so that both always agree.
/// </summary>
/// <remarks>Every method is total: no input makes it throw.</remarks>
internal static class Semantics
{
    /// <summary>Division where a zero divisor gives 0, so ratios over empty counts never poison a grade.</summary>
    public static double Divide(double dividend, double divisor) => divisor == 0 ? 0 : dividend / divisor;

    /// <summary><c>round(x)</c>: the nearest whole number, halves away from zero (四舍五入).</summary>
    private static readonly double[] PowersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    public static double Round(double value) => Round(value, 0);

    /// <summary>
    /// <c>round(x, digits)</c>: halves away from zero, on the value's shortest decimal form, so that 2.675
    /// (stored as 2.67499999…) rounds to 2.68 as a person expects, and 84.49999999999999 left over from
    /// floating-point arithmetic rounds like 84.5.
    /// </summary>
    public static double Round(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 1e15)
        {
            return Math.Round(value, Math.Clamp(digits, 0, 15), MidpointRounding.AwayFromZero);
        }

        // Fast path, equal to the decimal path below: away from a midpoint, rounding the scaled double gives the same
        // integer k as rounding the 15-digit decimal form, and k / 10^digits is the double nearest to k·10^-digits
        // either way (both operands are exact). Near a midpoint (or for large values) the decimal path decides.
        if (digits is >= 0 and <= 9)
        {
            var scale = PowersOfTen[digits];
            var scaled = value * scale;
            if (Math.Abs(scaled) < 1e9)
            {
                var fraction = Math.Abs(scaled - Math.Truncate(scaled));
                if (Math.Abs(fraction - 0.5) > 1e-6)
                {
                    var quick = Math.Round(scaled, MidpointRounding.AwayFromZero) / scale;
                    return quick == 0 ? 0 : quick;
                }
            }
        }

        // Converting to decimal keeps 15 significant digits, the precision the value was meant with.
        var rounded = (double)Math.Round((decimal)value, Math.Clamp(digits, 0, 28), MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    /// <summary><c>floor(x)</c>.</summary>
    public static double Floor(double value) => Math.Floor(value);

    /// <summary><c>ceil(x)</c>.</summary>
    public static double Ceiling(double value) => Math.Ceiling(value);

    /// <summary><c>abs(x)</c>.</summary>
    public static double Abs(double value) => Math.Abs(value);

    /// <summary>The smaller of two values.</summary>
    public static double Min(double a, double b) => Math.Min(a, b);

    /// <summary>The larger of two values.</summary>
    public static double Max(double a, double b) => Math.Max(a, b);

    /// <summary><c>clamp(x, lo, hi)</c> = <c>min(max(x, lo), hi)</c>; if lo &gt; hi the result is hi.</summary>
    public static double Clamp(double value, double low, double high) => Math.Min(Math.Max(value, low), high);

    /// <summary>Text equality: ordinal, exact.</summary>
    public static bool TextEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>The date a stored day number stands for; out-of-range or fractional values are clamped and truncated.</summary>
    public static DateOnly ToDate(double dayNumber)
    {
        if (double.IsNaN(dayNumber) || dayNumber <= 0)
        {
            return DateOnly.MinValue;
        }

        return dayNumber >= DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue : DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary><c>daysBetween(a, b)</c> = b − a in days.</summary>
    public static double DaysBetween(double from, double to) => ToDate(to).DayNumber - ToDate(from).DayNumber;

    /// <summary>
    /// <c>monthsBetween(a, b)</c>: whole calendar months from a to b, negative when b is before a. A month is
    /// complete when the day of month is reached again: 2024-01-31 → 2024-02-29 is 0, → 2024-03-01 is 1.
    /// </summary>
    public static double MonthsBetween(double from, double to)
    {
        var a = ToDate(from);
        var b = ToDate(to);
        if (b < a)
        {
            return -WholeMonths(b, a);
        }

        return WholeMonths(a, b);
    }

    private static int WholeMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return to.Day < from.Day ? months - 1 : months;
    }

    /// <summary><c>year(d)</c>.</summary>
    public static double Year(double date) => ToDate(date).Year;

    /// <summary><c>month(d)</c>.</summary>
    public static double Month(double date) => ToDate(date).Month;
}
