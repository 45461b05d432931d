using GradingEngine.Batch.Summary;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Report;

/// <summary>
/// Puts a <see cref="ProvinceReport"/> together from one accumulator per kind and the organisations' regions, fed row
/// by row in output order by whichever source has the rows: the run as it commits them (<see cref="ReportSink"/>), the
/// result files or the store's result tables (<see cref="ReportAggregator"/>). Not thread-safe; each kind's
/// accumulator may be fed on its own thread.
/// </summary>
internal sealed class ReportBuilder(GradingScheme organisation)
{
    private readonly List<KindAccumulator> _kinds = [];

    /// <summary>The organisations' transitions, movers, regions and quota groups; null until <see cref="Kind"/> opens 党组织.</summary>
    public OrganisationAccumulator? Organisations { get; private set; }

    /// <summary>Opens the accumulator of one kind; for 党组织 also the organisations' (<see cref="Organisations"/>).</summary>
    /// <param name="kind">党组织, 领导班子 or 党员.</param>
    /// <param name="scheme">The scheme that graded the kind.</param>
    /// <param name="itemLabels">The items' labels in the order the rows give their scores.</param>
    /// <param name="regionLevels">The region columns (organisations only).</param>
    /// <param name="measuresRecorded">Whether the rows carry their measures; null: known from the rows (<see cref="KindAccumulator.MeasuresRecorded"/>).</param>
    public KindAccumulator Kind(string kind, GradingScheme scheme, IReadOnlyList<string> itemLabels, IReadOnlyList<string> regionLevels, bool? measuresRecorded)
    {
        var accumulator = new KindAccumulator(kind, scheme, itemLabels) { MeasuresRecorded = measuresRecorded };
        _kinds.Add(accumulator);
        if (kind == "党组织")
        {
            Organisations = new OrganisationAccumulator(regionLevels, organisation.Model);
        }

        return accumulator;
    }

    /// <summary>Adds one organisation to its kind and to the regions.</summary>
    public static void AddOrganisation(KindAccumulator kind, OrganisationAccumulator organisations, ResultRow row) =>
        organisations.Add(row, kind.Add(row));

    /// <summary>The report, once every row is in; <paramref name="batchRules"/> as the run's summary gives them.</summary>
    public ProvinceReport Build(IReadOnlyList<BatchRuleSummary> batchRules)
    {
        var organisations = Organisations ?? new OrganisationAccumulator([], organisation.Model);
        return new ProvinceReport(
            organisation.Id,
            organisation.Version,
            organisation.Name,
            [.. _kinds.Select(k => k.ToReport()).OrderBy(k => KindOrder(k.Kind))],
            organisations.Transitions(),
            organisations.MovedUp.ToList(),
            organisations.MovedDown.ToList(),
            organisations.RegionLevels,
            organisations.Regions(),
            organisations.Quotas(),
            batchRules);
    }

    private static int KindOrder(string kind) => kind switch { "党组织" => 0, "领导班子" => 1, "党员" => 2, _ => 3 };
}
