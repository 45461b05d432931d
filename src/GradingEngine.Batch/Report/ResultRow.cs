namespace GradingEngine.Batch.Report;

/// <summary>
/// One graded subject (an organisation, a leadership team or a member) as a run's results hold it: what the report
/// aggregates. A results folder's CSV files give them (<see cref="ResultFolderRows"/>); a results store can give the
/// same rows.
/// </summary>
/// <param name="Id">组织编号 (an organisation or its team) or 党员编号.</param>
/// <param name="OrganisationId">The organisation the subject belongs to (its own id for an organisation or a team).</param>
/// <param name="Name">组织名称, for an organisation; empty otherwise.</param>
/// <param name="Regions">The region cells (省, 市, 县 …), for an organisation; empty otherwise.</param>
/// <param name="Level">等级: the level's label, empty when the scheme withholds one (e.g. 预备党员).</param>
/// <param name="Total">总分.</param>
/// <param name="Items">Each item's score, in the order of <see cref="ResultTable.Items"/>; null when the cell is empty.</param>
/// <param name="Flags">标记 raised.</param>
/// <param name="Measures">措施 recommended.</param>
/// <param name="QuotaNote">名额调整: why a quota moved the subject down; empty when none did.</param>
/// <param name="BottomNote">末位排名: the bottom ranking that marked the organisation; empty when none did.</param>
/// <param name="LastYearLevel">上年等级: last year's level label; empty when the organisation has none.</param>
public sealed record ResultRow(
    string Id,
    string OrganisationId,
    string Name,
    IReadOnlyList<string> Regions,
    string Level,
    double Total,
    IReadOnlyList<double?> Items,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Measures,
    string QuotaNote,
    string BottomNote,
    string LastYearLevel);

/// <summary>The results of one kind of subject: the item and region columns, then the rows, read once as they stream.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="RegionLevels">The region columns' names (省, 市, 县 …): those of <see cref="ResultRow.Regions"/>.</param>
/// <param name="Items">The items' labels, as the scheme names them: those of <see cref="ResultRow.Items"/>.</param>
/// <param name="Rows">The rows; enumerated once.</param>
public sealed record ResultTable(string Kind, IReadOnlyList<string> RegionLevels, IReadOnlyList<string> Items, IEnumerable<ResultRow> Rows)
{
    /// <summary>
    /// Whether the rows carry their measures (a result file with a 措施 column); null when the source cannot tell,
    /// and then a kind none of whose rows holds a measure is reported as not recorded (<see cref="KindReport.MeasuresRecorded"/>).
    /// </summary>
    public bool? MeasuresRecorded { get; init; }
}

/// <summary>What a report is made from: a run's summary and its rows of each kind.</summary>
/// <param name="Summary">The run's summary (its schemes and versions, what the batch rules did).</param>
/// <param name="Tables">One table per kind: 党组织, 领导班子, 党员.</param>
public sealed record ResultSource(Summary.BatchSummary Summary, IReadOnlyList<ResultTable> Tables)
{
    /// <summary>
    /// True when the tables' rows may be read at the same time, on different threads (files: <see cref="ResultFolderRows"/>);
    /// false (the default) reads them one after the other, as a source sharing one connection must.
    /// </summary>
    public bool TablesReadTogether { get; init; }
}
