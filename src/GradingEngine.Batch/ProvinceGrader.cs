using GradingEngine.Batch.Pipeline;
using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;
using GradingEngine.Grading;
using GradingEngine.Schemes;

namespace GradingEngine.Batch;

/// <summary>
/// Grades a whole province from its data files in one run: members (五带五争), then leadership teams (四好五强), then
/// organisations (三分类三升级) with their members' and team's results, then the scheme's batch-level rules (quotas
/// and bottom rankings within regions), then the comparison with last year. Reads and grades in blocks on every core
/// with bounded memory; writes results, an errors file and a summary, and returns the summary. Every row read is
/// either graded or reported with its file, line and column; output is byte-identical on any number of threads.
/// </summary>
/// <remarks>Immutable and thread-safe: one grader can run several batches at once.</remarks>
public sealed class ProvinceGrader
{
    /// <summary>Creates a grader for an organisation scheme that links a member scheme (a list) and a team scheme (a subject).</summary>
    /// <param name="organisationScheme">The organisation scheme.</param>
    /// <param name="defaults">The options of a run that is given none (threads, formats, logger …); by default <see cref="BatchOptions"/>' defaults.</param>
    /// <exception cref="ArgumentException">The scheme is not an organisation scheme linking members and a team.</exception>
    public ProvinceGrader(GradingScheme organisationScheme, BatchOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(organisationScheme);
        OrganisationScheme = organisationScheme;
        Defaults = defaults ?? new BatchOptions();
        var plan = organisationScheme.Model;
        MembersInput = plan.Inputs.FirstOrDefault(i => i.Type == InputType.List && i.Linked?.Subject == SubjectKind.Member)
            ?? throw new ArgumentException($"方案“{organisationScheme.Id}”没有链接党员方案的名单输入项 (the scheme links no member list)", nameof(organisationScheme));
        TeamInput = plan.Inputs.FirstOrDefault(i => i.Type == InputType.Subject && i.Linked?.Subject == SubjectKind.LeadershipTeam)
            ?? throw new ArgumentException($"方案“{organisationScheme.Id}”没有链接领导班子方案的输入项 (the scheme links no leadership team)", nameof(organisationScheme));
        if (plan.ChildReads[MembersInput.Id] is null)
        {
            throw new ArgumentException($"方案“{organisationScheme.Id}”对“{MembersInput.DisplayName}”的嵌套汇总不能批量评定 (nested aggregation over members is not supported in batches)", nameof(organisationScheme));
        }
    }

    /// <summary>The organisation scheme.</summary>
    public GradingScheme OrganisationScheme { get; }

    /// <summary>The options of a run that is given none.</summary>
    public BatchOptions Defaults { get; }

    /// <summary>The scheme that grades each member (linked by the organisation scheme).</summary>
    public GradingScheme MemberScheme => OrganisationScheme.LinkedScheme(MembersInput.Linked!);

    /// <summary>The scheme that grades each leadership team (linked by the organisation scheme).</summary>
    public GradingScheme TeamScheme => OrganisationScheme.LinkedScheme(TeamInput.Linked!);

    internal InputPlan MembersInput { get; }

    internal InputPlan TeamInput { get; }

    /// <summary>
    /// Grades the files and writes into <paramref name="outputFolder"/>: <c>organisations</c>, <c>teams</c> and
    /// <c>members</c> results (CSV and/or JSON Lines), <c>errors.csv</c> and <c>summary.json</c>. The files are
    /// switched in all together only when the run completes, and results an earlier run wrote in another format are
    /// removed at the same time; a cancelled, failed or killed run leaves the earlier complete set (see
    /// <see cref="ResultFolder.Recover"/>).
    /// </summary>
    /// <exception cref="BatchOutputConflictException">
    /// The output folder holds (or is) one of the files the run reads, e.g. it is the data folder; nothing is read or written.
    /// </exception>
    /// <exception cref="BatchInputException">A file cannot be graded at all (e.g. a required column is missing).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public BatchSummary Grade(ProvinceFiles files, string outputFolder, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outputFolder);
        files.CheckOutputFolder(outputFolder);
        var run = new ProvinceRun(this, files, options ?? Defaults, cancellationToken);
        return run.Execute(outputFolder, explainId: null).Summary;
    }

    /// <summary>
    /// Grades the files without writing anything and explains one organisation: its result with the full explanation,
    /// its members' and team's results, and what the batch-level rules (quota, bottom ranking) did to it.
    /// </summary>
    /// <returns>The result, or null when no organisation has that id or its row was rejected.</returns>
    public BatchExplanation? Explain(ProvinceFiles files, string organisationId, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(organisationId);
        var run = new ProvinceRun(this, files, options ?? Defaults, cancellationToken);
        return run.Execute(outputFolder: null, explainId: organisationId).Explanation;
    }
}

/// <summary>One organisation explained within its batch.</summary>
/// <param name="Result">Its result, with the explanation, members' and team's results.</param>
/// <param name="Region">Its region path.</param>
/// <param name="BatchNotes">What the batch-level rules did to it (a quota moving it down, a bottom-ranking mark); empty if nothing.</param>
/// <param name="YearOverYear">Last year's level and 升级/持平/降级, if known.</param>
public sealed record BatchExplanation(GradingResult Result, string Region, IReadOnlyList<string> BatchNotes, string? YearOverYear)
{
    /// <summary>
    /// The organisation's input as the data files gave it (cells as text, by column name), with its members under the
    /// members input and its team under the team input: what <c>grading explain --as-case</c> copies into a case.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Input { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// The explanation as Chinese text: the organisation's rules, then each linked subject's own result (its team's and
    /// every member's level, total, flags and measures, in file order), then the batch notes and last year's level.
    /// </summary>
    public string ToText()
    {
        var text = new System.Text.StringBuilder();
        text.Append('【').Append(Result.SubjectId).Append('】').AppendLine(Region);
        text.Append(Result.Explanation?.ToText() ?? string.Empty);
        foreach (var (input, results) in Result.Linked)
        {
            // Each member's (and the team's) own result, measures included: the batch's members.csv leaves the
            // members' measures out unless asked for (BatchOptions.MemberMeasures); here they always are.
            text.Append('【').Append(input).AppendLine("】");
            foreach (var linked in results)
            {
                text.Append("  ");
                if (linked.SubjectId is not null)
                {
                    text.Append(linked.SubjectId).Append('：');
                }

                text.Append(linked.Level?.Label ?? "不定等级")
                    .Append("，总分 ").Append(Expressions.ValueFormatter.FormatNumber(linked.Total)).Append(" 分");
                if (linked.Flags.Count > 0)
                {
                    text.Append("；标记：").AppendJoin("、", linked.Flags.Select(f => f.Label));
                }

                if (linked.Measures.Count > 0)
                {
                    text.Append("；措施：").AppendJoin("；", linked.Measures.Select(m => m.Text));
                }

                text.AppendLine();
            }
        }

        if (BatchNotes.Count > 0)
        {
            text.AppendLine("【批次规则】");
            foreach (var note in BatchNotes)
            {
                text.AppendLine("  " + note);
            }
        }

        if (YearOverYear is not null)
        {
            text.AppendLine("【与上年比较】");
            text.AppendLine("  " + YearOverYear);
        }

        return text.ToString();
    }
}
