using GradingEngine.Grading;

namespace GradingEngine.Cli.Commands;

/// <summary>The schemes shipped with the product (embedded in the library); or a folder a policy team edits.</summary>
internal static class ShippedSchemes
{
    public const string DefaultOrganisationScheme = "org-sanfenlei";

    /// <summary>Loads <paramref name="folder"/>, or the schemes shipped in the library (<see cref="SchemeCatalogue.Shipped"/>) when it is null.</summary>
    public static SchemeCatalogue Load(string? folder) => folder is null ? SchemeCatalogue.Shipped : SchemeCatalogue.LoadFolder(folder);

    /// <summary>The organisation scheme to grade with.</summary>
    public static GradingScheme Organisation(SchemeCatalogue catalogue, string? id)
    {
        id ??= DefaultOrganisationScheme;
        return catalogue.TryGet(id, out var scheme)
            ? scheme
            : throw new UsageException($"没有方案“{id}”；可用：{string.Join("、", catalogue.All.Select(s => s.Id))} (no scheme '{id}')");
    }
}
