namespace GradingEngine.Store;

/// <summary>A run recorded in the results store.</summary>
/// <param name="Id">The run's id in the store.</param>
/// <param name="Province">The province graded (the organisations' 省).</param>
/// <param name="Year">The year graded.</param>
/// <param name="GradingDate">The grading date.</param>
/// <param name="Status"><c>complete</c>; or, when asked for, <c>writing</c> (not finished, or abandoned) and <c>replaced</c> (a later run of the same province and year replaced it).</param>
/// <param name="Engine">The back end that graded (plan, nrules).</param>
/// <param name="Schemes">The schemes, as <c>id version</c>, organisation first.</param>
/// <param name="RowsRead">Rows read from every input.</param>
/// <param name="Graded">Rows graded.</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="Started">When the run started.</param>
/// <param name="Finished">When it was switched in; null while writing.</param>
public sealed record StoredRun(
    long Id,
    string Province,
    int Year,
    DateOnly GradingDate,
    string Status,
    string Engine,
    IReadOnlyList<string> Schemes,
    long RowsRead,
    long Graded,
    long Rejected,
    DateTimeOffset Started,
    DateTimeOffset? Finished);

/// <summary>A result row read back: what a comparison with the CSV results needs.</summary>
internal sealed record StoredResult(
    string Id,
    string? Organisation,
    string? Name,
    string[]? Region,
    string? Level,
    double Total,
    double[] Items,
    string[]? Flags,
    string[]? Measures,
    string? Quota,
    string? BottomRanking,
    string? LastYear,
    string? Change);
