using GradingEngine.BackEnds;
using Microsoft.Extensions.Configuration;

namespace GradingEngine.DependencyInjection;

/// <summary>
/// Reads a configuration section (for example <c>"Grading"</c> of <c>appsettings.json</c>) into
/// <see cref="GradingEngineOptions"/>. Keys: <c>ShippedSchemes</c> (true or false, default true),
/// <c>SchemeFolders</c> (a list of folders), <c>Engine</c> (<c>plan</c>, the default, or the name of a back end
/// registered in the container, such as <c>nrules</c>). A key the section does not know is an error, so that a typo is
/// not silently ignored.
/// </summary>
internal static class GradingConfiguration
{
    internal const string ShippedSchemes = "ShippedSchemes";
    internal const string SchemeFolders = "SchemeFolders";
    internal const string Engine = "Engine";

    /// <summary>Keys another package reads from the same section (the batch's <c>Threads</c>, <c>ProvinceScheme</c>).</summary>
    internal static readonly HashSet<string> SharedKeys = new(StringComparer.OrdinalIgnoreCase) { "Threads", "ProvinceScheme" };

    internal static void Apply(IConfiguration section, GradingEngineOptions options)
    {
        var path = (section as IConfigurationSection)?.Path is { Length: > 0 } p ? p : "(root)";
        foreach (var child in section.GetChildren())
        {
            if (!child.Key.Equals(ShippedSchemes, StringComparison.OrdinalIgnoreCase)
                && !child.Key.Equals(SchemeFolders, StringComparison.OrdinalIgnoreCase)
                && !child.Key.Equals(Engine, StringComparison.OrdinalIgnoreCase)
                && !SharedKeys.Contains(child.Key))
            {
                throw new InvalidOperationException(
                    $"配置“{child.Path}”不是评定引擎的设置项 (unknown setting '{child.Path}'; {path} knows {ShippedSchemes}, {SchemeFolders}, {Engine}, {string.Join(", ", SharedKeys.Order(StringComparer.Ordinal))})");
            }
        }

        var shipped = section[ShippedSchemes];
        if (shipped is null || ParseBool(shipped, $"{path}:{ShippedSchemes}"))
        {
            options.AddShippedSchemes();
        }

        var folders = section.GetSection(SchemeFolders);
        if (folders.Value is { Length: > 0 } single)
        {
            options.AddSchemeFolder(single);
        }

        foreach (var folder in folders.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            if (folder.Value is { Length: > 0 } value)
            {
                options.AddSchemeFolder(value);
            }
        }

        if (section[Engine] is { Length: > 0 } engine)
        {
            options.UseBackEnd(engine);
        }
    }

    private static bool ParseBool(string text, string key) =>
        bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"配置“{key}”应为 true 或 false (setting '{key}' must be true or false, not '{text}')");

    /// <summary>The back end with this name: the plan, or one registered in the container.</summary>
    internal static GradingBackEnd ResolveBackEnd(string name, IEnumerable<GradingBackEnd> registered)
    {
        if (name.Equals(GradingBackEnd.Plan.Name, StringComparison.OrdinalIgnoreCase))
        {
            return GradingBackEnd.Plan;
        }

        var known = registered.ToList();
        return known.FirstOrDefault(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"没有名为“{name}”的评定后端 (no back end named '{name}'; known: {string.Join(", ", known.Select(b => b.Name).Prepend(GradingBackEnd.Plan.Name).Distinct())}; "
                + "register the NRules back end with services.AddNRulesBackEnd() from the GradingEngine.NRules package)");
    }
}
