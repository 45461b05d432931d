using System.Text.Json;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Report;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;

namespace GradingEngine.Store;

/// <summary>
/// A stored run's report: the aggregates kept with the run when it has them, else aggregated from the run's result
/// rows (a run recorded before schema version 2), each kind's rows read once as they stream, one kind after the other
/// on the store's one connection.
/// </summary>
internal static class StoreReports
{
    private static readonly (string Kind, ResultKind Result)[] Kinds = [("党组织", ResultKind.Organisation), ("领导班子", ResultKind.Team), ("党员", ResultKind.Member)];

    /// <summary>The complete run <paramref name="runId"/>.</summary>
    /// <exception cref="StoreException">The store holds no complete run of that id.</exception>
    public static StoredRun Run(StoreBackend backend, long runId)
    {
        var runs = backend.Runs(includeIncomplete: false);
        return runs.FirstOrDefault(r => r.Id == runId) ?? throw new StoreException(
            $"结果库 {backend.Where} 中没有第 {runId} 次运行的完整评定{Known(runs)} (the store holds no complete run {runId})");
    }

    /// <summary>The complete run recorded last, of <paramref name="year"/> when given.</summary>
    /// <exception cref="StoreException">The store holds no complete run (of that year).</exception>
    public static StoredRun Latest(StoreBackend backend, int? year)
    {
        var runs = backend.Runs(includeIncomplete: false);
        var latest = runs.Where(r => year is null || r.Year == year).MaxBy(r => r.Id);
        return latest ?? throw new StoreException(year is { } y
            ? $"结果库 {backend.Where} 中没有 {y} 年的完整评定{Known(runs)} (the store holds no complete run of {y})"
            : $"结果库 {backend.Where} 中还没有完整的评定：先用 grading grade 评定 (the store holds no complete run yet)");
    }

    /// <summary>The run's report: the aggregates kept with it, else (or with <paramref name="fromRows"/>, to measure it) aggregated from its rows.</summary>
    public static StoredReport Report(StoreBackend backend, StoredRun run, SchemeCatalogue catalogue, bool fromRows = false)
    {
        if (!fromRows && backend.RunReport(run.Id) is { Format: ReportJson.Format } kept)
        {
            try
            {
                return new StoredReport(run, ReportJson.Read(kept.Json), FromRows: false);
            }
            catch (JsonException)
            {
                // unreadable: made again from the rows below
            }
        }

        var facts = backend.RunFacts(run.Id) ?? throw new StoreException($"结果库 {backend.Where} 中没有第 {run.Id} 次运行的完整评定 (the store holds no complete run {run.Id})");
        BatchSummary summary;
        using (var reader = new StringReader(facts.SummaryJson))
        {
            summary = SummaryJson.Read(reader);
        }

        var regionLevels = JsonSerializer.Deserialize<string[]>(facts.RegionLevelsJson) ?? [];
        var items = JsonSerializer.Deserialize<Dictionary<string, string[]>>(facts.ItemsJson) ?? [];
        var tables = Kinds.Select(k => new Batch.Report.ResultTable(
            k.Kind,
            k.Result == ResultKind.Organisation ? regionLevels : [],
            Labels(ReportAggregator.Scheme(catalogue, summary, k.Kind), items.GetValueOrDefault(k.Kind) ?? []),
            backend.ReportRows(run.Id, k.Result))).ToList();
        return new StoredReport(run, ProvinceReport.Build(new ResultSource(summary, tables), catalogue), FromRows: true);
    }

    /// <summary>The items' labels, as the result files' headers name them, from the ids the run recorded.</summary>
    private static string[] Labels(GradingScheme scheme, string[] ids) =>
        [.. ids.Select(id => scheme.Model.Items.FirstOrDefault(i => i.Id == id)?.DisplayName ?? id)];

    private static string Known(IReadOnlyList<StoredRun> runs) => runs.Count == 0
        ? "（库中还没有完整的评定）"
        : $"（库中有：{string.Join("、", runs.Take(10).Select(r => $"第 {r.Id} 次 {r.Province} {r.Year} 年"))}{(runs.Count > 10 ? " 等" : string.Empty)}）";
}
