using GradingEngine.Batch.Output;
using GradingEngine.Grading;

namespace GradingEngine.Batch.WhatIf;

/// <summary>
/// What a scheme change would do to a province, before it is adopted: grades the same data with the scheme in force
/// and with the proposed one (each a full province run, so quotas and rankings act as they would), then compares the
/// results subject by subject, streaming. Writes <c>changes.csv</c> (every subject whose level changes, with the
/// reason), <c>transitions.csv</c> (the level transition matrix per kind and per region) and <c>whatif.html</c>.
/// </summary>
public static class SchemeComparison
{
    /// <summary>The kinds compared, with their result file and the column that holds the organisation's id.</summary>
    private static readonly (string Kind, string File, int OrganisationColumn)[] Kinds =
    [
        ("党组织", "organisations.csv", 0),
        ("领导班子", "teams.csv", 0),
        ("党员", "members.csv", 1),
    ];

    /// <summary>Grades <paramref name="files"/> with both graders and writes the comparison into <paramref name="outputFolder"/>.</summary>
    /// <exception cref="BatchOutputConflictException">The output folder holds (or is) one of the files the run reads.</exception>
    /// <exception cref="BatchInputException">A file cannot be graded at all.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; nothing is written.</exception>
    public static SchemeComparisonSummary Compare(
        ProvinceGrader before,
        ProvinceGrader after,
        ProvinceFiles files,
        string outputFolder,
        BatchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outputFolder);
        files.CheckOutputFolder(outputFolder);
        options = (options ?? before.Defaults) with { Formats = ResultFormats.Csv, OutputEncoding = null };
        var work = Path.Combine(outputFolder, ".whatif-" + ResultCommit.NewId());
        try
        {
            var (beforeFolder, afterFolder) = (Path.Combine(work, "before"), Path.Combine(work, "after"));
            before.Grade(files, beforeFolder, options, cancellationToken);
            after.Grade(files, afterFolder, options, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            var schemes = new (GradingScheme Before, GradingScheme After)[]
            {
                (before.OrganisationScheme, after.OrganisationScheme),
                (before.TeamScheme, after.TeamScheme),
                (before.MemberScheme, after.MemberScheme),
            };
            var regionLevels = options.RegionLevels;
            var comparer = new ResultComparer(regionLevels);
            var staging = Path.Combine(work, "out");
            Directory.CreateDirectory(staging);
            using (var changes = new StreamWriter(Path.Combine(staging, ComparisonFiles.Changes), false, new System.Text.UTF8Encoding(true)) { NewLine = "\n" })
            {
                changes.Write(CharBuffer.CsvLine(ComparisonFiles.ChangeHeader(regionLevels)));
                for (var k = 0; k < Kinds.Length; k++)
                {
                    var (kind, file, organisationColumn) = Kinds[k];
                    comparer.Compare(kind, Path.Combine(beforeFolder, file), Path.Combine(afterFolder, file), organisationColumn,
                        schemes[k].Before, schemes[k].After, change => changes.Write(CharBuffer.CsvLine(ComparisonFiles.ChangeCells(change))),
                        cancellationToken);
                }
            }

            var summary = comparer.Summary($"{before.OrganisationScheme.Id} {before.OrganisationScheme.Version}", $"{after.OrganisationScheme.Id} {after.OrganisationScheme.Version}");
            ComparisonFiles.WriteTransitions(Path.Combine(staging, ComparisonFiles.Transitions), summary);
            ComparisonFiles.WriteHtml(Path.Combine(staging, ComparisonFiles.Page), summary, comparer.FirstChanges);
            cancellationToken.ThrowIfCancellationRequested();

            // Every file is complete before any is moved into place.
            var written = new List<string>();
            foreach (var name in new[] { ComparisonFiles.Changes, ComparisonFiles.Transitions, ComparisonFiles.Page })
            {
                var target = Path.Combine(outputFolder, name);
                File.Move(Path.Combine(staging, name), target, overwrite: true);
                written.Add(target);
            }

            return summary with { Files = written };
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover work folder is harmless: it is not a result.
            }
        }
    }
}
