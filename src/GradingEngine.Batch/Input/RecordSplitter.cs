using System.Globalization;

namespace GradingEngine.Batch.Input;

/// <summary>What <see cref="RecordSplitter.Split"/> found at the start of the unread text.</summary>
internal enum SplitStatus
{
    /// <summary>A whole record (its line break seen, or the end of the file reached).</summary>
    Record,

    /// <summary>A blank line, to be skipped and counted.</summary>
    Blank,

    /// <summary>The record goes on past the decoded text: decode more and split again from the same start.</summary>
    NeedMore,

    /// <summary>No text left (only at the end of the file).</summary>
    End,
}

/// <summary>Where a record found by <see cref="RecordSplitter.Split"/> ends.</summary>
internal struct SplitResult
{
    /// <summary>Where the record's text ends, before its line break.</summary>
    public int ContentEnd;

    /// <summary>Where the next record starts, after the line break.</summary>
    public int Next;

    /// <summary>The fields <see cref="RecordSplitter.Split"/> wrote (not yet committed) from <see cref="RecordBlock.FieldTotal"/> on.</summary>
    public int Fields;

    /// <summary>Whether the record's text may contain line breaks (CSV quoted fields).</summary>
    public bool MultiLine;
}

/// <summary>
/// Finds records and their fields in decoded text held in a block's buffer. One splitter per reader; it keeps the
/// state of the record being split, so it is used by one thread.
/// </summary>
internal abstract class RecordSplitter
{
    /// <summary>
    /// Splits the record that starts at <paramref name="start"/> in <c>block.Chars[..end]</c>, leaving the text as it is.
    /// <paramref name="final"/> says no text follows <paramref name="end"/>.
    /// </summary>
    public abstract SplitStatus Split(RecordBlock block, int start, int end, bool final, out SplitResult result);

    /// <summary>
    /// Writes the fields of the record <see cref="Split"/> found (unescaping them in place; the raw text is gone afterwards)
    /// and returns how many; sets <paramref name="error"/> unless it holds a problem that matters more.
    /// </summary>
    public abstract int Finish(RecordBlock block, int start, in SplitResult result, long line, ref RecordError? error);

    /// <summary>After <see cref="Split"/> found a record with a quote it never closes: where that quote is; else -1.</summary>
    public virtual int UnterminatedQuote => -1;

    /// <summary>The 1-based line offset and column of <paramref name="offset"/> within <paramref name="record"/>.</summary>
    public static (int LineOffset, int Column) Locate(ReadOnlySpan<char> record, int offset)
    {
        var before = record[..offset];
        var lastBreak = before.LastIndexOf('\n');
        return lastBreak < 0 ? (0, offset + 1) : (before.Count('\n'), offset - lastBreak);
    }

    /// <summary>An error at <paramref name="offset"/> of the record's raw text, naming the line when it is not the record's first.</summary>
    public static RecordError ErrorAt(ReadOnlySpan<char> record, int offset, long line, string chinese, string english)
    {
        var (lineOffset, column) = Locate(record, offset);
        return lineOffset == 0
            ? new RecordError(column, $"{chinese} ({english})")
            : new RecordError(column, string.Create(CultureInfo.InvariantCulture, $"{chinese}（第 {line + lineOffset} 行） ({english}, on line {line + lineOffset})"));
    }
}
