namespace GradingEngine.Samples;

/// <summary>What <see cref="SampleProvince.Write(string, Grading.GradingScheme, SampleProvinceOptions, IProgress{long}?, CancellationToken)"/> wrote.</summary>
/// <param name="Folder">The folder the files are in (full path).</param>
/// <param name="Files">Every file written, in the order organisations, teams, members, last year.</param>
/// <param name="Organisations">The organisations generated (one row each in the organisation file).</param>
/// <param name="Teams">The leadership teams generated (one per organisation).</param>
/// <param name="Members">The members generated (one row each in the member file).</param>
/// <param name="Cities">The cities of the region tree.</param>
/// <param name="Counties">The counties (and districts) of the region tree.</param>
/// <param name="CorruptRows">The deliberately bad rows, file by file in line order.</param>
public sealed record SampleProvinceInfo(
    string Folder,
    IReadOnlyList<SampleFileInfo> Files,
    int Organisations,
    int Teams,
    long Members,
    int Cities,
    int Counties,
    IReadOnlyList<SampleCorruptRow> CorruptRows)
{
    /// <summary>The data rows (header excluded, corrupt rows included) of the file with this name.</summary>
    /// <exception cref="KeyNotFoundException">No file of that name was written.</exception>
    public long RowsIn(string fileName) =>
        Files.FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal))?.Rows
        ?? throw new KeyNotFoundException($"No sample file '{fileName}' was written; there are: {string.Join(", ", Files.Select(f => f.Name))}.");
}

/// <summary>One file of a sample province.</summary>
/// <param name="Name">The file name, e.g. <c>members.csv</c>.</param>
/// <param name="Rows">The data rows written, header excluded, corrupt rows included.</param>
public sealed record SampleFileInfo(string Name, long Rows);

/// <summary>A row written deliberately bad.</summary>
/// <param name="File">The file name, e.g. <c>members.csv</c>.</param>
/// <param name="Line">The 1-based line in the file: in CSV the header is line 1; JSON Lines files have no header.</param>
/// <param name="Kind">What is wrong with it: one of <see cref="SampleCorruptionKinds"/>.</param>
public sealed record SampleCorruptRow(string File, long Line, string Kind);

/// <summary>
/// The kinds of bad row a sample can contain, used in turn in this order. A bad row replaces a good one, so row
/// counts stay as they would be. The other files keep the organisation's rows as they are: a reader that rejects an
/// organisation's row (for example one without an id) will usually also meet its team and members without a valid
/// organisation.
/// </summary>
public static class SampleCorruptionKinds
{
    /// <summary>A number column holds text such as <c>十二</c>.</summary>
    public const string NotANumber = "NotANumber";

    /// <summary>A number column holds a value outside the input's range, such as <c>-5</c> or <c>999</c>.</summary>
    public const string OutOfRange = "OutOfRange";

    /// <summary>A required input's cell is empty (CSV) or null (JSON Lines).</summary>
    public const string MissingRequired = "MissingRequired";

    /// <summary>The row's own id (<c>组织编号</c>, or <c>党员编号</c> for a member) is empty or null.</summary>
    public const string MissingId = "MissingId";

    /// <summary>A team or member row whose <c>组织编号</c> is not in the organisation file.</summary>
    public const string UnknownOrganisation = "UnknownOrganisation";

    /// <summary>An organisation row repeating the <c>组织编号</c> of an earlier row (in place of <see cref="UnknownOrganisation"/>).</summary>
    public const string DuplicateId = "DuplicateId";

    /// <summary>CSV: a row with its last column dropped. JSON Lines: a line cut short before its last property, not valid JSON.</summary>
    public const string WrongFieldCount = "WrongFieldCount";

    /// <summary>A UTF-8 file's cell holding GB18030-encoded Chinese text, which is not valid UTF-8. Never in GB18030 files.</summary>
    public const string InvalidEncoding = "InvalidEncoding";
}
