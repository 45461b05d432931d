using GradingEngine.Batch.Summary;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Report;

/// <summary>
/// A run's results for the people who read them (county and city Party committees, organisation departments):
/// aggregates only, never the rows, so that a whole province's report stays small. Made by streaming each kind's rows
/// once (<see cref="Build"/>) and written as one standalone HTML page with SVG charts (<see cref="WriteHtml(TextWriter)"/>).
/// </summary>
/// <param name="SchemeId">The organisation scheme.</param>
/// <param name="SchemeVersion">Its version.</param>
/// <param name="SchemeName">Its name.</param>
/// <param name="Kinds">Per kind: 党组织, 领导班子, 党员.</param>
/// <param name="YearOverYear">The organisations' transitions from last year's level to this year's, when the results have last year's levels.</param>
/// <param name="MovedUp">The organisations that moved up the most levels (at most <see cref="ListLimit"/>).</param>
/// <param name="MovedDown">The organisations that moved down the most levels (at most <see cref="ListLimit"/>).</param>
/// <param name="RegionLevels">The region columns (省, 市, 县 …).</param>
/// <param name="Regions">Organisations per region, each region followed by the regions in it.</param>
/// <param name="Quotas">Per quota of the organisation scheme, each group's top level against its quota.</param>
/// <param name="BatchRules">What each quota and bottom ranking did, as the run's summary says.</param>
public sealed record ProvinceReport(
    string SchemeId,
    string SchemeVersion,
    string SchemeName,
    IReadOnlyList<KindReport> Kinds,
    TransitionSummary? YearOverYear,
    IReadOnlyList<LevelMove> MovedUp,
    IReadOnlyList<LevelMove> MovedDown,
    IReadOnlyList<string> RegionLevels,
    IReadOnlyList<RegionReport> Regions,
    IReadOnlyList<QuotaReport> Quotas,
    IReadOnlyList<BatchRuleSummary> BatchRules)
{
    /// <summary>The longest list the report keeps: movers, flags, measures, items charted, bottom-ranked organisations of a region.</summary>
    public const int ListLimit = 20;

    /// <summary>The report's file name in a results folder.</summary>
    public const string FileName = "report.html";

    /// <summary>
    /// Aggregates a run's rows, each table enumerated once; the schemes named by the summary (id and version) give the
    /// items' full points, the levels' order and the quotas.
    /// </summary>
    /// <exception cref="ArgumentException">The catalogue has no scheme of the id and version the summary names.</exception>
    public static ProvinceReport Build(ResultSource source, SchemeCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(catalogue);
        return ReportAggregator.Build(source, catalogue);
    }

    /// <summary>The report of the results in <paramref name="folder"/> (see <see cref="ResultFolderRows.Open"/>), with the schemes of <paramref name="catalogue"/> (by default the shipped ones).</summary>
    public static ProvinceReport FromFolder(string folder, SchemeCatalogue? catalogue = null) =>
        Build(ResultFolderRows.Open(folder), catalogue ?? SchemeCatalogue.Shipped);

    /// <summary>Writes the report as one standalone HTML page: no script, no external file, charts in SVG; the same report gives the same bytes.</summary>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReportPage.Write(this, writer);
    }

    /// <summary>Writes the report as an HTML page (UTF-8) to <paramref name="path"/>, replacing the file.</summary>
    public void WriteHtml(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            WriteHtml(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The results of one kind of subject.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="SchemeId">The scheme that graded them.</param>
/// <param name="SchemeVersion">Its version.</param>
/// <param name="SchemeName">Its name.</param>
/// <param name="Graded">Subjects graded.</param>
/// <param name="Levels">Count and share per level of the scheme, best first (zero counts kept); 不评定 last when some were given no level.</param>
/// <param name="Flags">The most frequent flags, most first (at most <see cref="ProvinceReport.ListLimit"/>); the share is of the subjects graded.</param>
/// <param name="Measures">The most frequent measures, most first (at most <see cref="ProvinceReport.ListLimit"/>), their numbers written as # so that one measure of different numbers counts once.</param>
/// <param name="QuotaMoved">Subjects a quota moved down (名额调整).</param>
/// <param name="Items">Every item of the scheme with the points lost on it, in the scheme's order.</param>
public sealed record KindReport(
    string Kind,
    string SchemeId,
    string SchemeVersion,
    string SchemeName,
    long Graded,
    IReadOnlyList<LevelCount> Levels,
    IReadOnlyList<LevelCount> Flags,
    IReadOnlyList<LevelCount> Measures,
    long QuotaMoved,
    IReadOnlyList<ItemLoss> Items)
{
    /// <summary>
    /// Whether the kind's measures were recorded (written with its results); false when they were not, as a run's
    /// members' are not unless asked for (<see cref="BatchOptions.MemberMeasures"/>): <see cref="Measures"/> is then
    /// empty without meaning that none was recommended.
    /// </summary>
    public bool MeasuresRecorded { get; init; } = true;
}

/// <summary>The points lost on one item, over every subject scored on it.</summary>
/// <param name="Label">The item's label.</param>
/// <param name="Depth">0 for a top-level item, 1 for its sub-items …</param>
/// <param name="IsLeaf">True when the item has no sub-items (its loss is not counted in another item's).</param>
/// <param name="FullPoints">满分: the item's full points in the scheme.</param>
/// <param name="Scored">Subjects with a score for the item.</param>
/// <param name="AverageScore">The average score, rounded to 2 places.</param>
/// <param name="PointsLost">Full points minus score, summed over the subjects, rounded to 2 places.</param>
/// <param name="LostShare">The points lost as a share of the full points of the subjects scored, rounded to 4 places.</param>
public sealed record ItemLoss(string Label, int Depth, bool IsLeaf, double FullPoints, long Scored, double AverageScore, double PointsLost, double LostShare);

/// <summary>An organisation whose level changed from last year's.</summary>
/// <param name="OrganisationId">组织编号.</param>
/// <param name="Name">组织名称.</param>
/// <param name="Region">The region's path, e.g. 示例省/青岚市/东湖区.</param>
/// <param name="LastYear">Last year's level.</param>
/// <param name="ThisYear">This year's level.</param>
/// <param name="Steps">Levels moved: positive up, negative down.</param>
/// <param name="Total">This year's total.</param>
public sealed record LevelMove(string OrganisationId, string Name, string Region, string LastYear, string ThisYear, int Steps, double Total);

/// <summary>The organisations of one region.</summary>
/// <param name="Path">The region's path, e.g. 示例省/青岚市/东湖区.</param>
/// <param name="Name">The region's own name.</param>
/// <param name="Depth">1 for the first region column (省), 2 for the next (市) …</param>
/// <param name="Organisations">Organisations graded.</param>
/// <param name="Levels">Count and share per level, best first.</param>
/// <param name="QuotaMoved">Organisations a quota moved down.</param>
/// <param name="BottomMarked">Organisations a bottom ranking marked (末位排名).</param>
/// <param name="Upgraded">升级: a better level than last year.</param>
/// <param name="Same">持平.</param>
/// <param name="Downgraded">降级.</param>
/// <param name="Bottom">For a region of the last region column: the organisations a bottom ranking marked, lowest total first (at most <see cref="ProvinceReport.ListLimit"/>).</param>
public sealed record RegionReport(
    string Path,
    string Name,
    int Depth,
    long Organisations,
    IReadOnlyList<LevelCount> Levels,
    long QuotaMoved,
    long BottomMarked,
    long Upgraded,
    long Same,
    long Downgraded,
    IReadOnlyList<BottomMark> Bottom);

/// <summary>An organisation a bottom ranking marked.</summary>
/// <param name="OrganisationId">组织编号.</param>
/// <param name="Name">组织名称.</param>
/// <param name="Level">Its level.</param>
/// <param name="Total">Its total.</param>
/// <param name="Note">What the ranking said (末位排名).</param>
public sealed record BottomMark(string OrganisationId, string Name, string Level, double Total, string Note);

/// <summary>One quota of the organisation scheme and how each of its groups stands.</summary>
/// <param name="Id">The quota's id.</param>
/// <param name="Description">What the scheme says it is.</param>
/// <param name="Level">The level it limits.</param>
/// <param name="Within">The region column whose regions are its groups (e.g. 县).</param>
/// <param name="Share">The share of a group's organisations the level may hold at most.</param>
/// <param name="Groups">Each group, in the order of <see cref="ProvinceReport.Regions"/>.</param>
public sealed record QuotaReport(string Id, string Description, string Level, string Within, double Share, IReadOnlyList<QuotaGroup> Groups);

/// <summary>One group of a quota.</summary>
/// <param name="Region">The region's path.</param>
/// <param name="Organisations">Organisations graded in it.</param>
/// <param name="AtLevel">Organisations at the quota's level after the quota.</param>
/// <param name="Allowed">How many the quota allows (the share of the organisations, rounded as the scheme says).</param>
/// <param name="Moved">Organisations the quota moved down (名额调整).</param>
public sealed record QuotaGroup(string Region, long Organisations, long AtLevel, long Allowed, long Moved)
{
    /// <summary>The level's share of the group's organisations, rounded to 4 places.</summary>
    public double Share => Organisations == 0 ? 0 : Math.Round((double)AtLevel / Organisations, 4, MidpointRounding.AwayFromZero);

    /// <summary>True when the group holds no more than the quota allows.</summary>
    public bool Complies => AtLevel <= Allowed;
}
