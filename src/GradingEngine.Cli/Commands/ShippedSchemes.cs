using GradingEngine.Grading;
using GradingEngine.Schemes;

namespace GradingEngine.Cli.Commands;

/// <summary>The schemes shipped with the product (embedded in the library); or a folder a policy team edits.</summary>
internal static class ShippedSchemes
{
    public const string DefaultOrganisationScheme = "org-sanfenlei";

    /// <summary>Loads <paramref name="folder"/>, or the schemes shipped in the library (<see cref="SchemeCatalogue.Shipped"/>) when it is null.</summary>
    public static SchemeCatalogue Load(string? folder) => folder is null ? SchemeCatalogue.Shipped : SchemeCatalogue.LoadFolder(folder);

    /// <summary>The schemes of <see cref="Load(string?)"/> in force on <paramref name="date"/> (the grading date; today by default).</summary>
    public static SchemeCatalogue Load(string? folder, DateOnly date) => Load(folder).InForce(date);

    /// <summary>Today, the default grading date.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    /// <summary>The organisation scheme to grade with; a wrong command line when <paramref name="id"/> names none.</summary>
    public static GradingScheme Organisation(SchemeCatalogue catalogue, string? id)
    {
        id ??= DefaultOrganisationScheme;
        var ids = catalogue.All.Where(s => s.Subject == SubjectKind.Organisation).Select(s => s.Id).ToList();
        var (organisations, english) = (string.Join("、", ids), string.Join(", ", ids));
        if (!catalogue.TryGet(id, out var scheme) && catalogue.WhyNotInForce(id) is { } reason)
        {
            throw new ArgumentException(reason); // the schemes have no version for the grading date: an input problem (exit code 1)
        }

        if (scheme is null)
        {
            throw new UsageException($"没有方案“{id}”；可用的党组织方案：{organisations} (no scheme '{id}'; organisation schemes: {english})");
        }

        if (scheme.Subject != SubjectKind.Organisation)
        {
            var (kind, kindEnglish) = scheme.Subject == SubjectKind.Member ? ("党员", "members") : ("领导班子", "leadership teams");
            throw new UsageException(
                $"方案“{id}”评定的是{kind}，不是党组织；--scheme 应为党组织方案：{organisations} (scheme '{id}' grades {kindEnglish}, not organisations; --scheme takes an organisation scheme: {english})");
        }

        return scheme;
    }
}
