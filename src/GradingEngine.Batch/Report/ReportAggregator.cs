using System.Text;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Report;

/// <summary>Builds a <see cref="ProvinceReport"/> from a run's rows, each table enumerated once, keeping counts and bounded lists only.</summary>
internal static class ReportAggregator
{
    public const string NoLevel = "不评定";

    public static ProvinceReport Build(ResultSource source, SchemeCatalogue catalogue)
    {
        var summary = source.Summary;
        var builder = new ReportBuilder(Scheme(catalogue, summary, "党组织"));
        var tables = source.Tables
            .Select(t => (Table: t, Kind: builder.Kind(t.Kind, Scheme(catalogue, summary, t.Kind), t.Items, t.RegionLevels, t.MeasuresRecorded)))
            .ToList();
        var organisations = builder.Organisations;
        void Aggregate((ResultTable Table, KindAccumulator Kind) table)
        {
            var regions = table.Table.Kind == "党组织" ? organisations : null;
            foreach (var row in table.Table.Rows)
            {
                if (regions is null)
                {
                    table.Kind.Add(row);
                }
                else
                {
                    ReportBuilder.AddOrganisation(table.Kind, regions, row);
                }
            }
        }

        if (source.TablesReadTogether)
        {
            tables.AsParallel().WithDegreeOfParallelism(Math.Clamp(tables.Count, 1, Environment.ProcessorCount)).ForAll(Aggregate);
        }
        else
        {
            tables.ForEach(Aggregate);
        }

        return builder.Build(summary.BatchRules);
    }

    /// <summary>The scheme that graded a kind: the id and version the summary names.</summary>
    internal static GradingScheme Scheme(SchemeCatalogue catalogue, BatchSummary summary, string kind)
    {
        var named = summary.Kinds.FirstOrDefault(k => k.Kind == kind);
        var (id, version) = named is null ? (summary.SchemeId, summary.SchemeVersion) : (named.SchemeId, named.SchemeVersion);
        var scheme = catalogue.All.FirstOrDefault(s => s.Id == id && s.Version == version);
        if (scheme is not null)
        {
            return scheme;
        }

        var versions = string.Join("、", catalogue.All.Where(s => s.Id == id).Select(s => s.Version));
        throw new ArgumentException(versions.Length == 0
            ? $"方案目录中没有评定{kind}的方案“{id}”；用 --schemes 指定评定时用的方案文件夹 (no scheme '{id}' in the catalogue; give the schemes folder the run used)"
            : $"方案目录中没有“{id}”的版本 {version}（有：{versions}）；用 --schemes 指定评定时用的方案文件夹 (the catalogue has no version {version} of '{id}'; give the schemes folder the run used)");
    }

    /// <summary>A count's share of a whole, rounded to 4 places as the summary rounds it.</summary>
    public static double Share(long count, long total) => total == 0 ? 0 : Math.Round((double)count / total, 4, MidpointRounding.AwayFromZero);

    /// <summary>A measure's text with its numbers written as #: one measure of different numbers counts once.</summary>
    public static string WithoutNumbers(string text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(buffer[..WithoutNumbers(text, buffer)]);
    }

    /// <summary>Writes <see cref="WithoutNumbers(string)"/> of <paramref name="text"/> into <paramref name="into"/> (at least as long); returns its length.</summary>
    public static int WithoutNumbers(ReadOnlySpan<char> text, Span<char> into)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                into[length++] = text[i];
                continue;
            }

            while (i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
            {
                i++;
            }

            into[length++] = '#';
        }

        return length;
    }
}
