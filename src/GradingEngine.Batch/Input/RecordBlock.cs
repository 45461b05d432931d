namespace GradingEngine.Batch.Input;

/// <summary>
/// A block of consecutive records of one file, filled by <see cref="RecordFileReader.ReadBlock"/> and reused:
/// the next <see cref="RecordFileReader.ReadBlock"/> into the same block overwrites it.
/// </summary>
/// <remarks>
/// The block owns its characters (fields are spans into its own buffer), so several filled blocks can be read by
/// other threads while the reader fills another. Reading a filled block from several threads at once is safe;
/// filling it is not.
/// </remarks>
internal sealed class RecordBlock
{
    private static readonly string[] NoColumns = [];

    // Records: field range in the flat field arrays, start line, error.
    private int[] _firstField;
    private long[] _lines;
    private RecordError?[] _errors;

    /// <summary>Creates an empty block for up to <paramref name="records"/> records of about <paramref name="fieldsPerRecord"/> fields.</summary>
    internal RecordBlock(int records, int fieldsPerRecord, int chars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        _firstField = new int[records + 1];
        _lines = new long[records];
        _errors = new RecordError?[records];
        var fields = records * Math.Max(1, fieldsPerRecord);
        FieldStarts = new int[fields];
        FieldLengths = new int[fields];
        Chars = new char[Math.Max(16, chars)];
    }

    /// <summary>The text the fields point into.</summary>
    internal char[] Chars;

    /// <summary>Where each field starts in <see cref="Chars"/>, all records' fields in order.</summary>
    internal int[] FieldStarts;

    /// <summary>Each field's length, parallel to <see cref="FieldStarts"/>.</summary>
    internal int[] FieldLengths;

    /// <summary>Each field's column (JSON Lines only), parallel to <see cref="FieldStarts"/>.</summary>
    internal int[]? FieldColumns;

    /// <summary>The block's position in the file: 0 for the first block a reader fills, then 1, 2, …</summary>
    public long Sequence { get; internal set; }

    /// <summary>How many records the block holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many of the block's records have an error.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>The characters of <see cref="Chars"/> the block's records (and the blank lines among them) were read from, line breaks included.</summary>
    internal int TextLength { get; set; }

    /// <summary>
    /// The column names: for CSV the header; for JSON Lines every property name seen up to and including this block.
    /// The list is never changed afterwards (a later block gets a new one).
    /// </summary>
    public IReadOnlyList<string> Columns { get; internal set; } = NoColumns;

    /// <summary>The records the block can hold without growing.</summary>
    internal int Capacity => _lines.Length;

    /// <summary>The fields written so far (committed records only).</summary>
    internal int FieldTotal => _firstField[Count];

    /// <summary>The 1-based physical line on which the record starts (a CSV header is line 1).</summary>
    public long LineOf(int record) => _lines[CheckRecord(record)];

    /// <summary>How many fields the record has.</summary>
    public int FieldCount(int record)
    {
        CheckRecord(record);
        return _firstField[record + 1] - _firstField[record];
    }

    /// <summary>The field's text: CSV quotes removed and <c>""</c> turned into <c>"</c>; JSON strings unescaped, numbers as written, <c>null</c> empty.</summary>
    public ReadOnlySpan<char> Field(int record, int field)
    {
        var index = FieldIndex(record, field);
        return new ReadOnlySpan<char>(Chars, FieldStarts[index], FieldLengths[index]);
    }

    /// <summary>
    /// The field's index into <see cref="Columns"/>: for CSV its position in the record (which may be past the header's
    /// end in a record with too many fields); for JSON Lines the column of its property.
    /// </summary>
    public int ColumnOf(int record, int field)
    {
        var index = FieldIndex(record, field);
        return FieldColumns is { } columns ? columns[index] : field;
    }

    /// <summary>The index of the record's first field in <see cref="FieldStarts"/> (for loops over many fields).</summary>
    internal int FirstFieldOf(int record) => _firstField[CheckRecord(record)];

    /// <summary>One past the index of the record's last field.</summary>
    internal int EndFieldOf(int record) => _firstField[CheckRecord(record) + 1];

    /// <summary>The record's error, or <see langword="null"/> when it is well-formed.</summary>
    /// <remarks>
    /// A record with an error keeps the fields that could be read: all of them after bad bytes, a CSV field count
    /// that differs from the header's or an unterminated quote; those before the problem in a JSON line; none in a
    /// record too long.
    /// </remarks>
    public RecordError? ErrorOf(int record) => _errors[CheckRecord(record)];

    /// <summary>Empties the block and makes room for <paramref name="records"/> records.</summary>
    internal void Reset(int records, bool fieldColumns)
    {
        if (ErrorCount > 0)
        {
            Array.Clear(_errors, 0, Count);
            ErrorCount = 0;
        }

        Count = 0;
        Sequence = 0;
        if (records > _lines.Length)
        {
            Array.Resize(ref _firstField, records + 1);
            Array.Resize(ref _lines, records);
            Array.Resize(ref _errors, records);
        }

        if (fieldColumns && (FieldColumns is null || FieldColumns.Length < FieldStarts.Length))
        {
            FieldColumns = new int[FieldStarts.Length];
        }
        else if (!fieldColumns)
        {
            FieldColumns = null;
        }
    }

    /// <summary>Makes <see cref="Chars"/> at least <paramref name="length"/> long, keeping its first <paramref name="keep"/> characters.</summary>
    internal char[] GrowChars(int length, int keep)
    {
        if (length > Chars.Length)
        {
            var grown = new char[Math.Max(length, (int)Math.Min(Array.MaxLength, 2L * Chars.Length))];
            Array.Copy(Chars, grown, keep);
            Chars = grown;
        }

        return Chars;
    }

    /// <summary>Makes the field arrays hold at least <paramref name="fields"/> fields.</summary>
    internal void GrowFields(int fields)
    {
        if (fields <= FieldStarts.Length)
        {
            return;
        }

        var length = Math.Max(fields, (int)Math.Min(Array.MaxLength, 2L * FieldStarts.Length));
        Array.Resize(ref FieldStarts, length);
        Array.Resize(ref FieldLengths, length);
        if (FieldColumns is not null)
        {
            Array.Resize(ref FieldColumns, length);
        }
    }

    /// <summary>Adds a record whose fields were written at <see cref="FieldTotal"/> onwards.</summary>
    internal void Commit(long line, int fieldCount, RecordError? error)
    {
        var record = Count;
        _lines[record] = line;
        _firstField[record + 1] = _firstField[record] + fieldCount;
        if (error is not null)
        {
            _errors[record] = error;
            ErrorCount++;
        }

        Count = record + 1;
    }

    // Inlined into every accessor (several calls a row on the grading workers and the committing thread); the throw kept out of line.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int CheckRecord(int record)
    {
        if ((uint)record >= (uint)Count)
        {
            ThrowNoRecord(record);
        }

        return record;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNoRecord(int record) =>
        throw new ArgumentOutOfRangeException(nameof(record), record, $"The block holds {Count} records.");

    private int FieldIndex(int record, int field)
    {
        CheckRecord(record);
        var first = _firstField[record];
        if ((uint)field >= (uint)(_firstField[record + 1] - first))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, $"Record {record} has {_firstField[record + 1] - first} fields.");
        }

        return first + field;
    }
}
