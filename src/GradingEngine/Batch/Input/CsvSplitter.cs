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
/// Lenient where files in the wild are: a quote inside an unquoted field is text; text after a quoted field's closing
/// quote is kept as it stands (<c>"ab"c</c> reads <c>abc</c>, as Python's csv module and Excel read it).
/// The common record, without quotes, is split by one pass of a vectorized scan that marks every comma, line feed and
/// quote in 64 characters at a time.
/// </remarks>
internal sealed class CsvSplitter : RecordSplitter
{
    // The quoted fields of the record being split (indices into the block's field arrays), and where problems are.
    private int[] _quoted = new int[16];
    private int _quotedCount;
    private int _unterminatedQuote;

    // Skip state: where the skipped record has got to, and the quote of the quoted field it is in.
    private SkipState _skipState;
    private int _skipLines;
    private int _skipColumn;
    private (int LineOffset, int Column) _skipQuote;

    private enum SkipState
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>The fields a record must have: the header's; -1 while the header itself is read.</summary>
    public int ExpectedFields { get; set; } = -1;

    /// <inheritdoc />
    public override SplitStatus Split(RecordBlock block, int start, int end, bool final, out SplitResult result)
    {
        result = default;
        _quotedCount = 0;
        _unterminatedQuote = -1;

        var chars = block.Chars;
        ref var text = ref MemoryMarshal.GetArrayDataReference(chars);
        var starts = block.FieldStarts;
        var lengths = block.FieldLengths;
        var fieldBase = block.FieldTotal;
        var index = fieldBase; // the next field's index in the block's field arrays
        var fieldStart = start;
        var quoted = false;
        var scan = new SpecialScanner(new ReadOnlySpan<char>(chars, 0, end), start);
        while (true)
        {
            var i = scan.Next();
            if (i < 0)
            {
                if (!final)
                {
                    return SplitStatus.NeedMore;
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

            // A quoted field: find the closing quote, passing over "" pairs.
            var q = i + 1;
            while (true)
            {
                var next = new ReadOnlySpan<char>(chars, q, end - q).IndexOf('"');
                if (next < 0)
                {
                    if (!final)
                    {
                        return SplitStatus.NeedMore;
                    }

                    // Unterminated at the end of the file: the field takes the rest.
                    _unterminatedQuote = i;
                    AddField(block, ref starts, ref lengths, ref index, fieldStart, end, quoted: true);
                    result.ContentEnd = end;
                    result.Next = end;
                    result.Fields = index - fieldBase;
                    result.MultiLine = true;
                    return SplitStatus.Record;
                }

                q += next;
                if (q + 1 >= end)
                {
                    if (!final)
                    {
                        return SplitStatus.NeedMore;
                    }

                    break; // the closing quote is the file's last character
                }

                if (chars[q + 1] != '"')
                {
                    break;
                }

                q += 2;
            }

            quoted = true;
            result.MultiLine = true;
            scan.Reset(q + 1);
        }

        result.Fields = index - fieldBase;
        return result.ContentEnd == start && result.Fields == 1 ? SplitStatus.Blank : SplitStatus.Record;
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
        if (_unterminatedQuote >= 0)
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
    public override int UnterminatedQuote => _unterminatedQuote;

    /// <inheritdoc />
    public override void BeginSkip()
    {
        _skipState = SkipState.FieldStart;
        _skipLines = 0;
        _skipColumn = 0;
        _skipQuote = default;
    }

    /// <inheritdoc />
    public override (int LineOffset, int Column)? UnclosedQuoteInSkip => _skipState is SkipState.Quoted ? _skipQuote : null;

    /// <inheritdoc />
    public override int Skip(ReadOnlySpan<char> text, ref long lines)
    {
        var state = _skipState;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                lines++;
                _skipLines++;
                _skipColumn = 0;
                if (state is not SkipState.Quoted)
                {
                    _skipState = SkipState.FieldStart;
                    return i + 1;
                }

                continue;
            }

            _skipColumn++;
            if (state is SkipState.FieldStart && c == '"')
            {
                _skipQuote = (_skipLines, _skipColumn);
            }

            state = (state, c) switch
            {
                (SkipState.FieldStart, '"') => SkipState.Quoted,
                (SkipState.FieldStart, ',') => SkipState.FieldStart,
                (SkipState.FieldStart, _) => SkipState.Unquoted,
                (SkipState.Unquoted, ',') => SkipState.FieldStart,
                (SkipState.Unquoted, _) => SkipState.Unquoted,
                (SkipState.Quoted, '"') => SkipState.QuoteInQuoted,
                (SkipState.Quoted, _) => SkipState.Quoted,
                (SkipState.QuoteInQuoted, '"') => SkipState.Quoted,
                (SkipState.QuoteInQuoted, ',') => SkipState.FieldStart,
                _ => SkipState.Unquoted,
            };
        }

        _skipState = state;
        return -1;
    }

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
