namespace GradingEngine.Expressions.Binding;

/// <summary>The closed set of functions, looked up case-insensitively.</summary>
internal static class FunctionTable
{
    /// <summary>One function name: its canonical spelling, arity and a usage line for messages.</summary>
    internal sealed record Entry(string Name, int MinArguments, int MaxArguments, string Usage);

    private static readonly Entry[] Entries =
    [
        new("min", 2, int.MaxValue, "min(a, b, …) / min(list, expr)"),
        new("max", 2, int.MaxValue, "max(a, b, …) / max(list, expr)"),
        new("clamp", 3, 3, "clamp(x, lo, hi)"),
        new("abs", 1, 1, "abs(x)"),
        new("round", 1, 2, "round(x) / round(x, digits)"),
        new("floor", 1, 1, "floor(x)"),
        new("ceil", 1, 1, "ceil(x)"),
        new("date", 1, 1, "date('yyyy-MM-dd')"),
        new("daysBetween", 2, 2, "daysBetween(a, b)"),
        new("monthsBetween", 2, 2, "monthsBetween(a, b)"),
        new("year", 1, 1, "year(d)"),
        new("month", 1, 1, "month(d)"),
        new("count", 1, 2, "count(list) / count(list, condition)"),
        new("sum", 2, 2, "sum(list, expr)"),
        new("avg", 2, 2, "avg(list, expr)"),
        new("any", 2, 2, "any(list, condition)"),
        new("all", 2, 2, "all(list, condition)"),
    ];

    /// <summary>Every canonical function name.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The entry for a name written in any letter case, or null.</summary>
    public static Entry? Find(string name)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
