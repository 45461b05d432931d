using System.Globalization;
using GradingEngine.Diagnostics;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Schemes;

/// <summary>
/// The days a version of a scheme is in force (<c>"effective": { "from": "2026-01-01", "to": "2026-12-31" }</c>):
/// both ends inclusive, either open. A scheme without <c>effective</c> is in force every day.
/// </summary>
/// <param name="From">The first day in force; null for no start.</param>
/// <param name="To">The last day in force (inclusive); null for no end.</param>
internal readonly record struct EffectivePeriod(DateOnly? From, DateOnly? To)
{
    /// <summary>The property of a scheme that gives its period.</summary>
    public const string Property = "effective";

    /// <summary>Every day.</summary>
    public static EffectivePeriod Always => default;

    /// <summary>Whether the scheme names a start or an end.</summary>
    public bool IsDated => From is not null || To is not null;

    /// <summary>Whether <paramref name="date"/> is one of the period's days.</summary>
    public bool Contains(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);

    /// <summary>The days both periods share, or null when they share none.</summary>
    public EffectivePeriod? Overlap(EffectivePeriod other)
    {
        var from = Later(From, other.From);
        var to = Earlier(To, other.To);
        return from is { } f && to is { } t && f > t ? null : new EffectivePeriod(from, to);
    }

    /// <summary>The period in Chinese, e.g. <c>2026-01-01 至 2026-12-31</c>, <c>2026-01-01 起</c>, <c>长期</c>.</summary>
    public override string ToString() => (From, To) switch
    {
        (null, null) => "长期 (every day)",
        ({ } f, null) => $"{Text(f)} 起 (from {Text(f)})",
        (null, { } t) => $"至 {Text(t)} (until {Text(t)})",
        ({ } f, { } t) when f == t => Text(f),
        ({ } f, { } t) => $"{Text(f)} 至 {Text(t)}",
    };

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-dd</c> exactly.</summary>
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads a scheme's <c>effective</c>, reporting every problem; <see cref="Always"/> when absent or wrong.</summary>
    public static EffectivePeriod Read(JsonNode? node, DiagnosticBag bag)
    {
        if (node is null || ObjectReader.For(node, bag, "生效期") is not { } o)
        {
            return Always;
        }

        var from = ReadDate(o, "from", bag);
        var to = ReadDate(o, "to", bag);
        o.Finish();
        if (from is { } f && to is { } t && f > t)
        {
            bag.Add(DiagnosticCodes.InvalidValue,
                $"生效期的开始日 {Text(f)} 晚于结束日 {Text(t)} (the period starts on {Text(f)}, after it ends on {Text(t)})", node.Location(bag.File));
            return Always;
        }

        return new EffectivePeriod(from, to);
    }

    /// <summary>The period a scheme's JSON gives, without reporting (problems are reported when the scheme is read).</summary>
    public static EffectivePeriod Peek(JsonNode? root)
    {
        var node = (root as JsonObjectNode)?.Find(Property)?.Value;
        return node is null ? Always : Read(node, new DiagnosticBag(string.Empty));
    }

    private static DateOnly? ReadDate(ObjectReader o, string name, DiagnosticBag bag)
    {
        var node = o.Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonScalarNode { Value: string text } && TryParse(text, out var date))
        {
            return date;
        }

        bag.Add(DiagnosticCodes.InvalidValue, $"生效期的“{name}”应为日期 yyyy-MM-dd (effective '{name}' must be a date, yyyy-MM-dd)", node.Location(bag.File));
        return null;
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
