using System.Diagnostics;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// One province run as a pipeline of stages, each its own type, each returning what the next ones read:
/// <list type="number">
/// <item><see cref="HeaderCheck"/>: every file's columns, before anything is written;</item>
/// <item><see cref="IndexStage"/>: the organisations' ids, lines and regions (<see cref="OrganisationIndex"/>);</item>
/// <item><see cref="LastYearStage"/>: last year's levels, from the store or a file (<see cref="LastYearLevels"/>);</item>
/// <item><see cref="TeamStage"/>, then <see cref="MemberQuotaStage"/> (when the member scheme has quotas and an
/// organisation's members are spread over the file, <see cref="MemberOrder"/>) and <see cref="MemberStage"/>: read, bind and grade the teams and members on every core, keep what the organisation
/// scheme reads of them, write their rows;</item>
/// <item><see cref="OrganisationGrading"/>: a ranking pass when the scheme has batch rules, then
/// <see cref="BatchRulesStage"/> (quotas and bottom rankings), then the pass that grades and writes each organisation
/// with its members, its team, the batch's notes and last year's level;</item>
/// <item><see cref="SummaryStage"/>: the run's summary; then every sink completes and commits.</item>
/// </list>
/// The rows go to the sinks (<see cref="IResultSink"/>: result files, spreadsheet, store, report) as each grading
/// stage commits its blocks in file order (<see cref="BlockPipeline"/>).
/// </summary>
internal sealed class ProvinceRun(ProvinceGrader grader, ProvinceFiles files, BatchOptions options, CancellationToken cancellation)
{
    private readonly RunContext _context = new(grader, files, options, cancellation);

    public (BatchSummary Summary, BatchExplanation? Explanation) Execute(string? outputFolder, string? explainId)
    {
        var context = _context;
        if (outputFolder is not null)
        {
            ResultFolder.Recover(outputFolder); // a commit a killed run left is finished even if this run fails
        }

        var log = options.Logger ?? NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var stageClock = Stopwatch.StartNew();
        T Stage<T>(string name, Func<T> stage)
        {
            stageClock.Restart();
            var result = stage();
            BatchLog.Stage(log, name, stageClock.Elapsed);
            return result;
        }

        BatchLog.RunStarting(log, grader, context.Threads);
        HeaderCheck.Run(context);

        // The plans the run will use without measure texts compile on the thread pool beside the first stages.
        if (!options.MemberMeasures)
        {
            _ = grader.MemberScheme.Engine.Prepare(withMessages: false);
        }

        if (context.Organisation.HasBatchRules)
        {
            _ = grader.OrganisationScheme.Engine.Prepare(withMessages: false);
        }

        var sinks = new List<IResultSink>();
        try
        {
            ResultFileSink? resultFiles = null;
            if (outputFolder is not null)
            {
                sinks.Add(resultFiles = new ResultFileSink(outputFolder, options.Formats, ResultEncoding.Of(options.OutputEncoding), options.CommitObserver));
                if ((options.Formats & ResultFormats.Xlsx) != 0)
                {
                    sinks.Add(new XlsxResultSink(resultFiles.Files, options.XlsxRowsPerSheet));
                }

                if (options.Report is { } report)
                {
                    sinks.Add(new Report.ReportSink(report, grader)); // before the store, which keeps the report with the run
                }

                sinks.AddRange(options.Sinks);
            }

            context.Sinks = sinks;
            context.Errors = new ErrorLog(resultFiles?.OpenErrors());
            context.Errors.Start();

            var (index, indexedFile) = Stage("党组织索引", () => IndexStage.Run(context));
            var run = DescribeRun(index, clock);
            foreach (var sink in sinks)
            {
                sink.Begin(run);
            }

            if (explainId is not null)
            {
                context.Explanation = new ExplanationCapture(explainId, index.OrdinalOf(explainId) is var found and >= 0 ? found : -2);
            }

            // Whether the members lie together by organisation (one pass applies the quotas) is read beside the next
            // stages when the inputs are files; a database input is read one query at a time.
            var quotas = context.Member.Quotas.Count > 0;
            var grouped = !quotas || options.RankMembersInOwnPass ? Task.FromResult(false)
                : options.Input is null ? Task.Run(() => MemberOrder.GroupedByOrganisation(context, index), cancellation)
                : Task.FromResult(MemberOrder.GroupedByOrganisation(context, index));
            var lastYear = Stage("上年结果", () => LastYearStage.Run(context, index, run));
            var teams = Stage("领导班子", () => TeamStage.Run(context, index));
            var inPass = grouped.GetAwaiter().GetResult();
            var moves = quotas && !inPass ? Stage("党员名额排名", () => MemberQuotaStage.Run(context, index)) : null;
            var members = Stage("党员", () => MemberStage.Run(context, index, moves, inPass));
            var results = new OrganisationResults(context.Organisation, index.Count);
            var rules = BatchRuleOutcome.None;
            if (context.Organisation.HasBatchRules)
            {
                Stage("党组织排名", () =>
                {
                    OrganisationGrading.Run(context, index, teams, members, results, rules, lastYear, finalPass: false);
                    return results;
                });
                rules = Stage("党组织名额与末位排名", () => BatchRulesStage.Apply(context.Organisation, index, results, context.RuleSummaries, context.Threads));
            }

            Stage("党组织", () =>
            {
                OrganisationGrading.Run(context, index, teams, members, results, rules, lastYear, finalPass: true);
                return results;
            });
            var summary = SummaryStage.Build(context, index, indexedFile, teams, members, results, rules, lastYear);
            foreach (var file in summary.Files)
            {
                BatchLog.File(log, file);
            }

            foreach (var sink in sinks)
            {
                sink.Complete(summary);
            }

            cancellation.ThrowIfCancellationRequested();
            foreach (var sink in sinks.Skip(1).Append(resultFiles).OfType<IResultSink>())
            {
                sink.Commit(); // the files last: a store that cannot commit leaves the earlier result files
            }

            if (options.Report is { } collected)
            {
                collected.Report = collected.Completed; // once every output is committed
            }

            if (outputFolder is not null)
            {
                BatchLog.Commit(log, outputFolder, clock.Elapsed);
            }

            var explanation = context.Explanation is { Ordinal: >= 0 and var ordinal } capture
                ? capture.Build(context, index, rules, lastYear, results.Levels[ordinal])
                : null;
            return (summary, explanation);
        }
        finally
        {
            foreach (var sink in sinks)
            {
                sink.Dispose();
            }
        }
    }

    /// <summary>What the run is, for the sinks: dates, province, engine, schemes and a fingerprint of every input.</summary>
    private RunDescription DescribeRun(OrganisationIndex index, Stopwatch clock)
    {
        var started = DateTimeOffset.Now - clock.Elapsed;
        var inputs = new List<InputFingerprint>();
        void Add(string kind, string? path)
        {
            if (path is not null)
            {
                inputs.Add(options.Input?.Fingerprint(kind, path) ?? InputFingerprints.Of(kind, path));
            }
        }

        Add("党组织", files.Organisations);
        Add("领导班子", files.Teams);
        Add("党员", files.Members);
        Add("上年结果", files.LastYear);
        return new RunDescription(
            started,
            options.GradingDate ?? DateOnly.FromDateTime(started.LocalDateTime),
            index.Province,
            grader.OrganisationScheme.BackEnd.Name,
            [
                new SchemeUsed("党组织", grader.OrganisationScheme.Id, grader.OrganisationScheme.Version),
                new SchemeUsed("党员", grader.MemberScheme.Id, grader.MemberScheme.Version),
                new SchemeUsed("领导班子", grader.TeamScheme.Id, grader.TeamScheme.Version),
            ],
            inputs,
            options.RegionLevels);
    }
}
