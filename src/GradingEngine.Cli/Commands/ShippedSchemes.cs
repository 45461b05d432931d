using GradingEngine.Grading;

namespace GradingEngine.Cli.Commands;

/// <summary>The schemes shipped with the product, embedded in the tool; or a folder a policy team edits.</summary>
internal static class ShippedSchemes
{
    public const string DefaultOrganisationScheme = "org-sanfenlei";

    /// <summary>Loads <paramref name="folder"/>, or the embedded schemes when it is null.</summary>
    public static SchemeCatalogue Load(string? folder)
    {
        if (folder is not null)
        {
            return SchemeCatalogue.LoadFolder(folder);
        }

        var assembly = typeof(ShippedSchemes).Assembly;
        var sources = new List<KeyValuePair<string, string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemes/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            sources.Add(new(name, reader.ReadToEnd()));
        }

        return SchemeCatalogue.Load(sources);
    }

    /// <summary>The organisation scheme to grade with.</summary>
    public static GradingScheme Organisation(SchemeCatalogue catalogue, string? id)
    {
        id ??= DefaultOrganisationScheme;
        return catalogue.TryGet(id, out var scheme)
            ? scheme
            : throw new UsageException($"没有方案“{id}”；可用：{string.Join("、", catalogue.All.Select(s => s.Id))} (no scheme '{id}')");
    }
}
