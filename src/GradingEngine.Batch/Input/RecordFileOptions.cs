using System.Text;

namespace GradingEngine.Batch.Input;

/// <summary>How a <see cref="RecordFileReader"/> reads a file.</summary>
internal sealed record RecordFileOptions
{
    /// <summary>The file's encoding; <see langword="null"/> detects it (byte order mark, else UTF-8 if the start is UTF-8, else GB18030).</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>The most records a <see cref="RecordBlock"/> receives per <see cref="RecordFileReader.ReadBlock"/>.</summary>
    public int BlockRecords { get; init; } = 4096;

    /// <summary>The longest record, in characters without its line break; a longer one is reported as an error and skipped.</summary>
    public int MaxRecordChars { get; init; } = 1 << 20;

    /// <summary>
    /// CSV: the most physical lines a record may span through quoted fields holding line breaks; past it the quote
    /// that opened the first such field is taken as never closed (see <see cref="CsvSplitter"/>).
    /// </summary>
    public int MaxRecordLines { get; init; } = 100;

    /// <summary>The most bytes read from the stream (and handed to the decoder) at a time; small values exercise the edges in tests.</summary>
    internal int ReadBytes { get; init; } = 1 << 17;

    /// <summary>The most characters decoded at a time; at least 2 (a surrogate pair). Small values exercise the edges in tests.</summary>
    internal int DecodeChars { get; init; } = 1 << 14;
}
