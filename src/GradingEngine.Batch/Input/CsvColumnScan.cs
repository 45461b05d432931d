using System.Text;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Reads one column of a CSV file as bytes, for a question about the whole file that needs nothing else (whether the
/// members lie together by organisation): no decoding, no splitting of the other fields, no blocks. It answers only
/// for files it can read exactly by bytes (UTF-8 or GB18030/GBK, whose multi-byte characters never hold a comma, a
/// quote or a line break) and only while every line is plain: at the first quote anywhere, or a non-ASCII byte in
/// the column, it stops and says so, and the caller asks <see cref="RecordFileReader"/> instead.
/// </summary>
/// <remarks>
/// Every plain line after the header is one record whose fields are its commas' pieces, as <see cref="CsvSplitter"/>
/// splits it; a line it would reject (too many or too few fields, bad bytes) is still handed over, so a caller gets
/// at least every record the grading accepts, with the same value, trimmed as <see cref="RecordBlock"/>'s fields are.
/// </remarks>
internal static class CsvColumnScan
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>What the scan found.</summary>
    public enum Outcome
    {
        /// <summary>Every line was read: <c>value</c> saw the column of each.</summary>
        Read,

        /// <summary><c>value</c> returned false: the caller has its answer.</summary>
        Stopped,

        /// <summary>The file cannot be read exactly by bytes (its encoding, a quote, a non-ASCII value): ask the reader.</summary>
        NotPlain,
    }

    /// <summary>
    /// Hands <paramref name="value"/> the trimmed ASCII bytes of column <paramref name="column"/> (0-based; empty when
    /// a line has fewer fields, or is blank) of every line after the header, in file order, until it returns false.
    /// </summary>
    public static Outcome Scan(string path, Encoding encoding, int column, Func<ReadOnlySpan<byte>, bool> value, CancellationToken cancellation)
    {
        if (encoding.CodePage is not (65001 or 54936 or 936))
        {
            return Outcome.NotPlain;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var buffer = new byte[ChunkBytes];
        var length = 0;
        var header = true;
        var done = false;
        while (!done)
        {
            cancellation.ThrowIfCancellationRequested();
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            done = read == 0;
            length += read;
            var text = buffer.AsSpan(0, length);
            var start = 0;
            while (start < text.Length)
            {
                var end = text[start..].IndexOf((byte)'\n');
                if (end < 0 && !done)
                {
                    break; // the rest of the line is in the next read
                }

                var line = end < 0 ? text[start..] : text.Slice(start, end);
                start = end < 0 ? text.Length : start + end + 1;
                if (line.Contains((byte)'"'))
                {
                    return Outcome.NotPlain;
                }

                if (header)
                {
                    header = line.Trim(" \t\r\v\f"u8).IsEmpty; // blank lines before the header are skipped, as the reader skips them
                    continue;
                }

                var field = Field(line, column);
                foreach (var b in field)
                {
                    if (b >= 0x80)
                    {
                        return Outcome.NotPlain; // trimmed as text, which may hold Unicode spaces: the reader knows
                    }
                }

                if (!value(field))
                {
                    return Outcome.Stopped;
                }
            }

            text[start..].CopyTo(buffer);
            length = text.Length - start;
        }

        return Outcome.Read;
    }

    /// <summary>The line's field <paramref name="column"/>, trimmed of ASCII white space and a line's final carriage return.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column)
    {
        for (var c = 0; c < column; c++)
        {
            var comma = line.IndexOf((byte)',');
            if (comma < 0)
            {
                return default;
            }

            line = line[(comma + 1)..];
        }

        var next = line.IndexOf((byte)',');
        return (next < 0 ? line : line[..next]).Trim(" \t\r\n\v\f"u8);
    }
}
