namespace GradingEngine.Samples;

/// <summary>What <see cref="SampleProvince"/> writes: how many organisations, from which seed, in which format.</summary>
public sealed record SampleProvinceOptions
{
    /// <summary>The largest number of organisations a sample may have.</summary>
    public const int MaxOrganisations = 1_000_000;

    /// <summary>
    /// How many organisations (and so leadership teams) to write: 100 for a demo, 300,000 for a whole province
    /// (about 6,000,000 members). Between 1 and <see cref="MaxOrganisations"/>. Default 100.
    /// </summary>
    public int Organisations { get; init; } = 100;

    /// <summary>The seed: the same seed and options always give byte-identical files. Default 2026.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>CSV (the default) or JSON Lines.</summary>
    public SampleFileFormat Format { get; init; } = SampleFileFormat.Csv;

    /// <summary>
    /// The text encoding of CSV files (default UTF-8 without a byte order mark). JSON Lines files are always UTF-8
    /// without a byte order mark, whatever this says.
    /// </summary>
    public SampleEncoding Encoding { get; init; } = SampleEncoding.Utf8;

    /// <summary>Whether to write last year's level of every organisation (<c>last-year.csv</c>). Default true.</summary>
    public bool LastYear { get; init; } = true;

    /// <summary>
    /// How many rows of each of the organisation, team and member files to replace with deliberately bad ones, for
    /// testing error reporting (default 0). At most one per organisation, so at most <see cref="Organisations"/> per
    /// file. <see cref="SampleProvinceInfo.CorruptRows"/> lists every one with its line and kind
    /// (<see cref="SampleCorruptionKinds"/>).
    /// </summary>
    public int CorruptRowsPerFile { get; init; }
}

/// <summary>The file format of a sample province.</summary>
public enum SampleFileFormat
{
    /// <summary>Comma-separated values (RFC 4180 quoting where needed, <c>\n</c> line endings), <c>.csv</c>.</summary>
    Csv,

    /// <summary>One JSON object per line, <c>.jsonl</c>; numbers as JSON numbers, booleans as true/false.</summary>
    JsonLines,
}

/// <summary>The text encoding of sample CSV files.</summary>
public enum SampleEncoding
{
    /// <summary>UTF-8 without a byte order mark.</summary>
    Utf8,

    /// <summary>UTF-8 starting with a byte order mark (what Excel writes as “CSV UTF-8”).</summary>
    Utf8WithBom,

    /// <summary>GB18030, the Chinese national standard encoding (a superset of GBK and GB2312).</summary>
    Gb18030,
}
