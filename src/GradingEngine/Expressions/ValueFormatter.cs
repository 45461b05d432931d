using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GradingEngine.Expressions;

/// <summary>
/// How values are shown in messages. Compiled templates call these methods directly, and the interpreter uses
/// them too, so a value always reads the same.
/// </summary>
/// <remarks>
/// number: invariant culture, at most 4 decimals, trailing zeros trimmed (<c>7</c>, <c>0.92</c>, <c>85.5</c>);
/// integer: <c>12</c>; boolean: <c>是</c> / <c>否</c>; date: <c>yyyy-MM-dd</c>; enumeration: the value's text.
/// </remarks>
internal static class ValueFormatter
{
    /// <summary>Formats a number-represented value of the given type (number, integer, date or enumeration).</summary>
    public static string Format(double value, ExprType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ValueKind.Date => FormatDate(value),
            ValueKind.Enumeration => FormatEnumeration(value, type.EnumValues),
            ValueKind.Integer => FormatInteger(value),
            _ => FormatNumber(value),
        };
    }

    /// <summary><c>是</c> or <c>否</c>.</summary>
    public static string Format(bool value) => FormatBoolean(value);

    /// <summary>Text is shown as it is (null as empty).</summary>
    public static string Format(string? value) => value ?? string.Empty;

    /// <summary>Formats a value of any kind the interpreter produces.</summary>
    public static string Format(Value value, ExprType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ValueKind.Boolean => FormatBoolean(value.Boolean),
            ValueKind.Text => Format(value.Text),
            _ => Format(value.Number, type),
        };
    }

    /// <summary>A number: at most 4 decimals (halves away from zero), trailing zeros trimmed, never <c>-0</c>.</summary>
    public static string FormatNumber(double value)
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormatNumber(value, buffer, out var written)
            ? new string(buffer[..written])
            : (Semantics.Round(value, 4)).ToString("0.####", CultureInfo.InvariantCulture); // over 32 characters
    }

    /// <summary>Writes <see cref="FormatNumber"/>'s text into <paramref name="destination"/> without allocating.</summary>
    public static bool TryFormatNumber(double value, Span<char> destination, out int written)
    {
        // Fast paths for what scores nearly always are: whole numbers and numbers with at most two decimals
        // (exactly the double nearest to k/100, which "0.####" prints as k/100).
        if (Math.Abs(value) < 1e13)
        {
            var hundredths = Math.Round(value * 100);
            if (hundredths / 100 == value)
            {
                return TryFormatHundredths((long)hundredths, destination, out written);
            }
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.TryFormat(destination, out written, provider: CultureInfo.InvariantCulture);
        }

        var rounded = Semantics.Round(value, 4);
        return (rounded == 0 ? 0 : rounded).TryFormat(destination, out written, "0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>"00", "01" … "99", each two characters as one <see cref="uint"/> in the machine's byte order.</summary>
    private static readonly uint[] DigitPairs = [.. Enumerable.Range(0, 100).Select(n => Pair((uint)('0' + (n / 10)), (uint)('0' + (n % 10))))];

    private static uint Pair(uint first, uint second) => BitConverter.IsLittleEndian ? first | (second << 16) : (first << 16) | second;

    /// <summary>
    /// <paramref name="hundredths"/> / 100 as <see cref="FormatNumber"/> writes it. A score (a whole part under 10,000)
    /// is written two digits at a time from a table, with no bounds checks past the first; a larger number through the
    /// general integer formatting.
    /// </summary>
    private static bool TryFormatHundredths(long hundredths, Span<char> destination, out int written)
    {
        if ((ulong)(hundredths + 999_999) >= 1_999_999 || destination.Length < 8)
        {
            return TryFormatLargeHundredths(hundredths, destination, out written);
        }

        ref var first = ref MemoryMarshal.GetReference(destination); // at least 8 characters: "-9999.99"
        var at = 0;
        uint h;
        if (hundredths < 0)
        {
            first = '-';
            at = 1;
            h = (uint)-hundredths;
        }
        else
        {
            h = (uint)hundredths;
        }

        var whole = h / 100;
        var fraction = h - (whole * 100);
        if (whole < 10)
        {
            Unsafe.Add(ref first, at++) = (char)('0' + whole);
        }
        else if (whole < 100)
        {
            WritePair(ref first, at, whole);
            at += 2;
        }
        else
        {
            var high = whole / 100;
            if (high < 10)
            {
                Unsafe.Add(ref first, at++) = (char)('0' + high);
            }
            else
            {
                WritePair(ref first, at, high);
                at += 2;
            }

            WritePair(ref first, at, whole - (high * 100));
            at += 2;
        }

        if (fraction != 0)
        {
            Unsafe.Add(ref first, at++) = '.';
            var tens = fraction / 10;
            Unsafe.Add(ref first, at++) = (char)('0' + tens);
            if (fraction != tens * 10)
            {
                Unsafe.Add(ref first, at++) = (char)('0' + (fraction - (tens * 10)));
            }
        }

        written = at;
        return true;

        static void WritePair(ref char first, int at, uint pair) =>
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref first, at)), DigitPairs[pair]);
    }

    private static bool TryFormatLargeHundredths(long hundredths, Span<char> destination, out int written)
    {
        written = 0;
        if (hundredths < 0)
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[0] = '-';
            written = 1;
            hundredths = -hundredths;
        }

        var whole = hundredths / 100;
        var fraction = (int)(hundredths % 100);
        if (whole < 10_000)
        {
            // A score's whole part: its digits written here, without the general integer formatting's checks.
            var digits = whole < 10 ? 1 : whole < 100 ? 2 : whole < 1_000 ? 3 : 4;
            if (destination.Length - written < digits)
            {
                return false;
            }

            var rest = (int)whole;
            for (var at = written + digits - 1; at >= written; at--)
            {
                destination[at] = (char)('0' + (rest % 10));
                rest /= 10;
            }

            written += digits;
        }
        else if (whole.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture))
        {
            written += digits;
        }
        else
        {
            return false;
        }
        if (fraction == 0)
        {
            return true;
        }

        var needed = fraction % 10 == 0 ? 2 : 3;
        if (destination.Length - written < needed)
        {
            return false;
        }

        destination[written++] = '.';
        destination[written++] = (char)('0' + (fraction / 10));
        if (fraction % 10 != 0)
        {
            destination[written++] = (char)('0' + (fraction % 10));
        }

        return true;
    }

    /// <summary>An integer; a stray fraction is rounded like a number.</summary>
    public static string FormatInteger(double value) => FormatNumber(value);

    /// <summary>A day number as <c>yyyy-MM-dd</c>.</summary>
    public static string FormatDate(double dayNumber) =>
        Semantics.ToDate(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>是</c> or <c>否</c>.</summary>
    public static string FormatBoolean(bool value) => value ? "是" : "否";

    /// <summary>The enumeration value with this ordinal, or the number itself if it is out of range.</summary>
    public static string FormatEnumeration(double ordinal, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ordinal >= 0 && ordinal < values.Count && ordinal == Math.Floor(ordinal)
            ? values[(int)ordinal]
            : FormatNumber(ordinal);
    }
}
