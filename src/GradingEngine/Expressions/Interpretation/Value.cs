using System.Globalization;

namespace GradingEngine.Expressions;

/// <summary>A value produced by the <see cref="Interpreter"/>.</summary>
/// <param name="Kind">The kind of the static type (number, integer, date and enumeration all live in <see cref="Number"/>).</param>
/// <param name="Number">The value of number-represented kinds (dates as day numbers, enumerations as ordinals).</param>
/// <param name="Boolean">The value of a boolean.</param>
/// <param name="Text">The value of a text.</param>
internal readonly record struct Value(ValueKind Kind, double Number, bool Boolean, string? Text)
{
    /// <summary>A number-represented value.</summary>
    public static Value FromNumber(ValueKind kind, double number) => new(kind, number, false, null);

    /// <summary>A boolean.</summary>
    public static Value FromBoolean(bool value) => new(ValueKind.Boolean, 0, value, null);

    /// <summary>A text.</summary>
    public static Value FromText(string value) => new(ValueKind.Text, 0, false, value);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ValueKind.Boolean => Boolean ? "true" : "false",
        ValueKind.Text => $"'{Text}'",
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
