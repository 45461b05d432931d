using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Splits RFC 4180 CSV: comma separated, fields optionally in double quotes (which may hold commas, <c>""</c> and
/// line breaks), records ended by <c>\n</c> or <c>\r\n</c>.
/// </summary>
/// <remarks>
/// <para>
/// Lenient where files in the wild are: a quote inside an unquoted field is text; text after a quoted field's closing
/// quote is kept as it stands (<c>"ab"c</c> reads <c>abc</c>, as Python's csv module and Excel read it).
/// The common record, without quotes, is split by one pass of a vectorized scan that marks every comma, line feed and
/// quote in 64 characters at a time.
/// </para>
/// <para>
/// Strict where a quoted field runs over a line break, since a quote opened by mistake and never closed would
/// otherwise take every later row of the file into one field. Such a record is kept only when it is well-formed as
/// a whole: each field holding a line break ends at its closing quote (a comma, a line break or the end of the file
/// follows it), the record has the header's number of fields, it spans at most <see cref="MaxRecordLines"/> lines and
/// <see cref="MaxRecordChars"/> characters, and its quotes close before the end of the file. Otherwise the quote is
/// taken as unclosed: the record's first line alone is the record (its open quoted field running to the end of that
/// line), with an error at the quote, and splitting goes on at the next line.
/// </para>
/// </remarks>
internal sealed class CsvSplitter : RecordSplitter
{
    // The quoted fields of the record being split (indices into the block's field arrays), and where problems are.
    private int[] _quoted = new int[16];
    private int _quotedCount;
    private int _unterminatedQuote;

    // Why the record being split was cut to its first line (see the remarks), and the details of it.
    private Unclosed _unclosed;
    private int _unclosedQuote;
    private int _unclosedDetail;

    /// <summary>Why a quoted field that runs over a line break was taken as a quote never closed.</summary>
    private enum Unclosed
    {
        /// <summary>The record was not cut.</summary>
        No,

        /// <summary>No closing quote before the end of the file.</summary>
        EndOfFile,

        /// <summary>Read across its line breaks, the record would have a number of fields (the detail) other than the header's.</summary>
        FieldCount,

        /// <summary>The quote that would close it is followed by text (the detail: that text's offset in the record).</summary>
        TextAfterQuote,

        /// <summary>The record would span more than <see cref="MaxRecordLines"/> lines.</summary>
        TooManyLines,

        /// <summary>The record would be longer than <see cref="MaxRecordChars"/> characters.</summary>
        TooLong,
    }

    /// <summary>The fields a record must have: the header's; -1 while the header itself is read.</summary>
    public int ExpectedFields { get; set; } = -1;

    /// <summary>The most characters a record whose quoted fields hold line breaks may have (the reader's limit).</summary>
    public int MaxRecordChars { get; set; } = int.MaxValue;

    /// <summary>The most physical lines a record whose quoted fields hold line breaks may span.</summary>
    public int MaxRecordLines { get; set; } = int.MaxValue;

    /// <inheritdoc />
    public override SplitStatus Split(RecordBlock block, int start, int textEnd, bool textFinal, out SplitResult result)
    {
        result = default;
        _quotedCount = 0;
        _unterminatedQuote = -1;
        _unclosed = Unclosed.No;

        // Only the first MaxRecordChars + 2 characters are looked at (a record of at most MaxRecordChars and its
        // \r\n), so that what is decided never depends on how much text happens to be decoded.
        var windowFull = textEnd - start > MaxRecordChars + 1L;
        var end = windowFull ? start + MaxRecordChars + 2 : textEnd;
        var final = textFinal && !windowFull;

        var chars = block.Chars;
        ref var text = ref MemoryMarshal.GetArrayDataReference(chars);
        var starts = block.FieldStarts;
        var lengths = block.FieldLengths;
        var fieldBase = block.FieldTotal;
        var index = fieldBase; // the next field's index in the block's field arrays
        var fieldStart = start;
        var quoted = false;
        var breaks = 0; // line breaks inside quoted fields so far
        var scan = new SpecialScanner(new ReadOnlySpan<char>(chars, 0, end), start);
        while (true)
        {
            var i = scan.Next();
            if (i < 0)
            {
                if (!final)
                {
                    return NeedMore(block, start, end, breaks, windowFull, out result);
                }

                if (start == end)
                {
                    return SplitStatus.End;
                }

                // The last record, without a line break; a lone \r at the very end is taken as one.
                var fieldEnd = end;
                if (fieldEnd > fieldStart && chars[fieldEnd - 1] == '\r')
                {
                    fieldEnd--;
                }

                AddField(block, ref starts, ref lengths, ref index, fieldStart, fieldEnd, quoted);
                result.ContentEnd = fieldEnd;
                result.Next = end;
                break;
            }

            var c = Unsafe.Add(ref text, i); // i < end <= chars.Length
            if (c == ',' && !quoted)
            {
                // The common case, kept tight.
                if ((uint)index >= (uint)starts.Length || (uint)index >= (uint)lengths.Length)
                {
                    Grow(block, ref starts, ref lengths, index);
                }

                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(starts), index) = fieldStart;
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lengths), index) = i - fieldStart;
                index++;
                fieldStart = i + 1;
                continue;
            }

            if (c == ',')
            {
                AddField(block, ref starts, ref lengths, ref index, fieldStart, i, quoted);
                fieldStart = i + 1;
                quoted = false;
                continue;
            }

            if (c == '\n')
            {
                var fieldEnd = i;
                if (fieldEnd > fieldStart && chars[fieldEnd - 1] == '\r')
                {
                    fieldEnd--;
                }

                AddField(block, ref starts, ref lengths, ref index, fieldStart, fieldEnd, quoted);
                result.ContentEnd = fieldEnd;
                result.Next = i + 1;
                break;
            }

            if (i != fieldStart)
            {
                continue; // a quote inside an unquoted field (or after a quoted field's closing quote) is text
            }

            // A quoted field: find the closing quote, passing over "" pairs and counting the line breaks inside.
            var q = i + 1;
            var fieldBreaks = 0;
            while (true)
            {
                var next = new ReadOnlySpan<char>(chars, q, end - q).IndexOfAny('"', '\n');
                if (next < 0)
                {
                    if (!final)
                    {
                        return NeedMore(block, start, end, breaks, windowFull, out result);
                    }

                    if (breaks > 0)
                    {
                        return FirstLineOnly(block, start, end, Unclosed.EndOfFile, 0, out result);
                    }

                    // Unterminated on the file's last line: the field takes the rest.
                    _unterminatedQuote = i;
                    AddField(block, ref starts, ref lengths, ref index, fieldStart, end, quoted: true);
                    result.ContentEnd = end;
                    result.Next = end;
                    result.Fields = index - fieldBase;
                    result.MultiLine = true;
                    return SplitStatus.Record;
                }

                q += next;
                if (chars[q] == '\n')
                {
                    fieldBreaks++;
                    if (++breaks >= MaxRecordLines)
                    {
                        return FirstLineOnly(block, start, end, Unclosed.TooManyLines, 0, out result);
                    }

                    q++;
                    continue;
                }

                if (q + 1 >= end)
                {
                    if (!final)
                    {
                        return NeedMore(block, start, end, breaks, windowFull, out result);
                    }

                    break; // the closing quote is the file's last character
                }

                if (chars[q + 1] != '"')
                {
                    break;
                }

                q += 2;
            }

            if (fieldBreaks > 0)
            {
                // A field over several lines must end at its closing quote: a comma, a line break or the end follows.
                var after = q + 1;
                if (after < end && chars[after] is not (',' or '\n'))
                {
                    if (chars[after] != '\r' || (after + 1 < end && chars[after + 1] != '\n'))
                    {
                        return FirstLineOnly(block, start, end, Unclosed.TextAfterQuote, after - start, out result);
                    }

                    if (after + 1 == end && !final)
                    {
                        return NeedMore(block, start, end, breaks, windowFull, out result);
                    }
                }
            }

            quoted = true;
            result.MultiLine = true;
            scan.Reset(q + 1);
        }

        result.Fields = index - fieldBase;
        if (breaks > 0 && result.ContentEnd - start > MaxRecordChars)
        {
            return FirstLineOnly(block, start, end, Unclosed.TooLong, 0, out result);
        }

        if (breaks > 0 && ExpectedFields >= 0 && result.Fields != ExpectedFields)
        {
            return FirstLineOnly(block, start, end, Unclosed.FieldCount, result.Fields, out result);
        }

        return result.ContentEnd == start && result.Fields == 1 ? SplitStatus.Blank : SplitStatus.Record;
    }

    /// <summary>
    /// The record goes on past the text looked at: <see cref="SplitStatus.NeedMore"/>, unless a quoted field has run
    /// over a line break and the record is already too long to keep, which makes that quote unclosed. (A record
    /// with no such field that is too long is the reader's to skip.)
    /// </summary>
    private SplitStatus NeedMore(RecordBlock block, int start, int end, int breaks, bool windowFull, out SplitResult result)
    {
        if (breaks > 0 && windowFull)
        {
            return FirstLineOnly(block, start, end, Unclosed.TooLong, 0, out result);
        }

        result = default;
        return SplitStatus.NeedMore;
    }

    /// <summary>
    /// Makes the first line of the record at <paramref name="start"/> a record of its own, the quoted field that runs
    /// over its end taken as unclosed: it holds the rest of the line. Splitting goes on at the next line.
    /// </summary>
    private SplitStatus FirstLineOnly(RecordBlock block, int start, int end, Unclosed why, int detail, out SplitResult result)
    {
        var chars = block.Chars;
        var next = start + new ReadOnlySpan<char>(chars, start, end - start).IndexOf('\n') + 1; // a quoted field ran over it
        var lineEnd = next - 1;
        if (lineEnd > start && chars[lineEnd - 1] == '\r')
        {
            lineEnd--;
        }

        _quotedCount = 0;
        _unterminatedQuote = -1;
        _unclosed = why;
        _unclosedDetail = detail;
        _unclosedQuote = -1;
        var starts = block.FieldStarts;
        var lengths = block.FieldLengths;
        var fieldBase = block.FieldTotal;
        var index = fieldBase;
        var p = start; // the field's start
        while (true)
        {
            int fieldEnd;
            var quoted = p < lineEnd && chars[p] == '"';
            if (quoted)
            {
                var q = p + 1;
                while (true)
                {
                    var quote = new ReadOnlySpan<char>(chars, q, lineEnd - q).IndexOf('"');
                    q = quote < 0 ? -1 : q + quote;
                    if (q < 0 || q + 1 >= lineEnd || chars[q + 1] != '"')
                    {
                        break;
                    }

                    q += 2;
                }

                if (q < 0)
                {
                    _unclosedQuote = p; // the quote this line never closes
                    AddField(block, ref starts, ref lengths, ref index, p, lineEnd, quoted: true);
                    break;
                }

                var comma = new ReadOnlySpan<char>(chars, q + 1, lineEnd - q - 1).IndexOf(',');
                fieldEnd = comma < 0 ? lineEnd : q + 1 + comma;
            }
            else
            {
                var comma = new ReadOnlySpan<char>(chars, p, lineEnd - p).IndexOf(',');
                fieldEnd = comma < 0 ? lineEnd : p + comma;
            }

            AddField(block, ref starts, ref lengths, ref index, p, fieldEnd, quoted);
            if (fieldEnd == lineEnd)
            {
                break;
            }

            p = fieldEnd + 1;
        }

        Debug.Assert(_unclosedQuote >= 0, "the line's last field is the quoted field that runs over its end");
        result = new SplitResult { ContentEnd = lineEnd, Next = next, Fields = index - fieldBase };
        return SplitStatus.Record;
    }

    private static void Grow(RecordBlock block, ref int[] starts, ref int[] lengths, int index)
    {
        block.GrowFields(index + 1);
        starts = block.FieldStarts;
        lengths = block.FieldLengths;
    }

    private void AddField(RecordBlock block, ref int[] starts, ref int[] lengths, ref int index, int rawStart, int rawEnd, bool quoted)
    {
        if (index >= starts.Length)
        {
            Grow(block, ref starts, ref lengths, index);
        }

        if (quoted)
        {
            starts[index] = rawStart + 1;
            lengths[index] = rawEnd - rawStart - 1;
            if (_quotedCount == _quoted.Length)
            {
                Array.Resize(ref _quoted, _quoted.Length * 2);
            }

            _quoted[_quotedCount++] = index;
        }
        else
        {
            starts[index] = rawStart;
            lengths[index] = rawEnd - rawStart;
        }

        index++;
    }

    /// <inheritdoc />
    public override int Finish(RecordBlock block, int start, in SplitResult result, long line, ref RecordError? error)
    {
        var record = new ReadOnlySpan<char>(block.Chars, start, result.ContentEnd - start);
        if (_unclosed != Unclosed.No)
        {
            var (chinese, english) = UnclosedReason(block, start, line);
            error = ErrorAt(record, _unclosedQuote - start, line, chinese, english);
        }
        else if (_unterminatedQuote >= 0)
        {
            error = ErrorAt(record, _unterminatedQuote - start, line, "引号未闭合", "unterminated quote");
        }
        else if (error is null && ExpectedFields >= 0 && result.Fields != ExpectedFields)
        {
            var at = result.Fields > ExpectedFields ? RawStart(block, block.FieldTotal + ExpectedFields) - start : record.Length;
            var (chinese, english) = (
                string.Create(CultureInfo.InvariantCulture, $"字段数为 {result.Fields}，表头有 {ExpectedFields} 列"),
                string.Create(CultureInfo.InvariantCulture, $"{result.Fields} fields; the header has {ExpectedFields}"));
            error = ErrorAt(record, at, line, chinese, english);
        }

        for (var k = 0; k < _quotedCount; k++)
        {
            var index = _quoted[k];
            block.FieldLengths[index] = Unescape(new Span<char>(block.Chars, block.FieldStarts[index], block.FieldLengths[index]));
        }

        return result.Fields;
    }

    /// <summary>Why the record starting on <paramref name="line"/> was cut to that line, in Chinese and in English.</summary>
    private (string Chinese, string English) UnclosedReason(RecordBlock block, int start, long line)
    {
        var detail = _unclosedDetail;
        return _unclosed switch
        {
            Unclosed.EndOfFile => ("引号未闭合：直到文件末尾都没有闭合", "unterminated quote: not closed before the end of the file"),
            Unclosed.FieldCount => (
                string.Create(CultureInfo.InvariantCulture, $"引号未闭合：若跨行读下去，记录有 {detail} 个字段，表头有 {ExpectedFields} 列"),
                string.Create(CultureInfo.InvariantCulture, $"unterminated quote: read across the line breaks, the record would have {detail} fields; the header has {ExpectedFields}")),
            Unclosed.TextAfterQuote => TextAfterQuote(line + new ReadOnlySpan<char>(block.Chars, start, detail).Count('\n')),
            Unclosed.TooManyLines => (
                string.Create(CultureInfo.InvariantCulture, $"引号未闭合：若跨行读下去，记录超过 {MaxRecordLines} 行"),
                string.Create(CultureInfo.InvariantCulture, $"unterminated quote: read across the line breaks, the record would span over {MaxRecordLines} lines")),
            _ => (
                string.Create(CultureInfo.InvariantCulture, $"引号未闭合：若跨行读下去，记录超过 {MaxRecordChars} 个字符"),
                string.Create(CultureInfo.InvariantCulture, $"unterminated quote: read across the line breaks, the record would be over {MaxRecordChars} characters")),
        };

        static (string, string) TextAfterQuote(long closingLine) => (
            string.Create(CultureInfo.InvariantCulture, $"引号未闭合：第 {closingLine} 行可作闭合的引号后还有文字"),
            string.Create(CultureInfo.InvariantCulture, $"unterminated quote: the quote that would close it, on line {closingLine}, is followed by text"));
    }

    /// <summary>Where a field of the record being finished starts in the raw text (at its opening quote if it has one).</summary>
    private int RawStart(RecordBlock block, int index) =>
        block.FieldStarts[index] - (_quoted.AsSpan(0, _quotedCount).Contains(index) ? 1 : 0);

    /// <summary>
    /// Unescapes a quoted field in place, given its text after the opening quote: <c>""</c> becomes <c>"</c>, the
    /// closing quote goes, and whatever follows it is kept. Returns the new length.
    /// </summary>
    internal static int Unescape(Span<char> field)
    {
        var quote = field.IndexOf('"');
        if (quote < 0)
        {
            return field.Length; // unterminated, without quotes inside
        }

        var write = quote;
        var read = quote;
        while (read < field.Length)
        {
            // field[read] is a quote inside the quoted part.
            if (read + 1 < field.Length && field[read + 1] == '"')
            {
                field[write++] = '"';
                read += 2;
                var next = field[read..].IndexOf('"');
                var end = next < 0 ? field.Length : read + next;
                field[read..end].CopyTo(field[write..]);
                write += end - read;
                read = end;
            }
            else
            {
                // The closing quote: the rest is kept as it stands.
                read++;
                field[read..].CopyTo(field[write..]);
                write += field.Length - read;
                break;
            }
        }

        return write;
    }

    /// <inheritdoc />
    public override int UnterminatedQuote => _unclosed != Unclosed.No ? _unclosedQuote : _unterminatedQuote;

    /// <summary>
    /// Yields, in order, the positions of every comma, line feed and quote from a start position on, marking them
    /// 64 characters at a time with vector compares; <see cref="Reset"/> moves on to a later position.
    /// </summary>
    private ref struct SpecialScanner
    {
        private const int Window = 64;

        private readonly ReadOnlySpan<char> _text;
        private int _base;
        private ulong _mask;

        public SpecialScanner(ReadOnlySpan<char> text, int from)
        {
            _text = text;
            _base = from;
            _mask = MaskAt(text, from);
        }

        public void Reset(int from)
        {
            _base = from;
            _mask = MaskAt(_text, from);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next()
        {
            while (_mask == 0)
            {
                _base += Window;
                if (_base >= _text.Length)
                {
                    return -1;
                }

                _mask = MaskAt(_text, _base);
            }

            var i = _base + BitOperations.TrailingZeroCount(_mask);
            _mask &= _mask - 1;
            return i;
        }

        private static ulong MaskAt(ReadOnlySpan<char> text, int at)
        {
            if (at + Window <= text.Length)
            {
                ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
                var offset = (nuint)at;
                if (Vector512.IsHardwareAccelerated)
                {
                    return Specials(Vector512.LoadUnsafe(ref first, offset))
                        | (Specials(Vector512.LoadUnsafe(ref first, offset + 32)) << 32);
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    return Specials(Vector256.LoadUnsafe(ref first, offset))
                        | (Specials(Vector256.LoadUnsafe(ref first, offset + 16)) << 16)
                        | (Specials(Vector256.LoadUnsafe(ref first, offset + 32)) << 32)
                        | (Specials(Vector256.LoadUnsafe(ref first, offset + 48)) << 48);
                }

                if (Vector128.IsHardwareAccelerated)
                {
                    var mask = 0ul;
                    for (var k = 0; k < Window; k += 8)
                    {
                        mask |= Specials(Vector128.LoadUnsafe(ref first, offset + (nuint)k)) << k;
                    }

                    return mask;
                }
            }

            var scalar = 0ul;
            var count = Math.Min(Window, text.Length - at);
            for (var k = 0; k < count; k++)
            {
                if (text[at + k] is ',' or '\n' or '"')
                {
                    scalar |= 1ul << k;
                }
            }

            return scalar;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Specials(Vector512<ushort> v) =>
            (Vector512.Equals(v, Vector512.Create((ushort)',')) | Vector512.Equals(v, Vector512.Create((ushort)'\n')) | Vector512.Equals(v, Vector512.Create((ushort)'"')))
            .ExtractMostSignificantBits();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Specials(Vector256<ushort> v) =>
            (Vector256.Equals(v, Vector256.Create((ushort)',')) | Vector256.Equals(v, Vector256.Create((ushort)'\n')) | Vector256.Equals(v, Vector256.Create((ushort)'"')))
            .ExtractMostSignificantBits();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Specials(Vector128<ushort> v) =>
            (Vector128.Equals(v, Vector128.Create((ushort)',')) | Vector128.Equals(v, Vector128.Create((ushort)'\n')) | Vector128.Equals(v, Vector128.Create((ushort)'"')))
            .ExtractMostSignificantBits();
    }
}
