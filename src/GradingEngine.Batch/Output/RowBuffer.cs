using System.Text;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The result rows of one block, formatted and encoded to UTF-8 by the worker that graded them, so that the thread
/// committing blocks in order only copies bytes to the file. Rows are kept back to back with their end offsets, and
/// a row the commit rejects late (a second team for an organisation) is simply not copied.
/// </summary>
/// <remarks>Rows are encoded to UTF-8 unless another encoding is given (GB18030 for CSV results, see <see cref="ResultEncoding"/>).</remarks>
internal sealed class RowBuffer(Encoding? encoding = null, bool guardFormulas = true)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly Encoding _encoding = encoding ?? Utf8;
    private readonly bool _utf8 = (encoding ?? Utf8).CodePage == Encoding.UTF8.CodePage;
    private byte[] _bytes = new byte[1 << 18];
    private int[] _ends = new int[4096];
    private int _length;
    private int _rows;

    /// <summary>Rows ended or skipped so far.</summary>
    public int Rows => _rows;

    /// <summary>Skips rows until <paramref name="rows"/> rows are recorded.</summary>
    public void SkipTo(int rows)
    {
        while (_rows < rows)
        {
            SkipRow();
        }
    }

    /// <summary>The row being formatted.</summary>
    public CharBuffer Text { get; } = new() { GuardFormulas = guardFormulas };

    public void Clear()
    {
        _length = 0;
        _rows = 0;
        Text.Clear();
    }

    /// <summary>Encodes the formatted row and starts the next.</summary>
    public void EndRow()
    {
        var text = Text.Span;
        var needed = _utf8 ? (text.Length + 1) * 3 : _encoding.GetMaxByteCount(text.Length);
        if (_length + needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + needed));
        }

        if (_utf8)
        {
            // straight to the transcoder: a lone surrogate becomes U+FFFD, as the encoding's replacement makes it
            System.Text.Unicode.Utf8.FromUtf16(text, _bytes.AsSpan(_length), out _, out var written);
            _length += written;
        }
        else
        {
            _length += _encoding.GetBytes(text, _bytes.AsSpan(_length));
        }

        Text.Clear();
        Mark();
    }

    /// <summary>Whether rows are UTF-8, so that <see cref="AppendUtf8(ReadOnlySpan{byte})"/> and the other byte appends may write them directly.</summary>
    public bool IsUtf8 => _utf8;

    /// <summary>Appends bytes of UTF-8 to the row being written directly (<see cref="IsUtf8"/> rows only); <see cref="EndBytesRow"/> ends it.</summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(_length));
        _length += utf8.Length;
    }

    /// <summary>Appends one ASCII character to the row being written directly.</summary>
    public void AppendAscii(char c)
    {
        Ensure(1);
        _bytes[_length++] = (byte)c;
    }

    /// <summary>
    /// Appends <paramref name="text"/> encoded as UTF-8 to the row being written directly (a lone surrogate becomes
    /// U+FFFD, as in <see cref="EndRow"/>).
    /// </summary>
    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        Ensure((text.Length + 1) * 3);
        System.Text.Unicode.Utf8.FromUtf16(text, _bytes.AsSpan(_length), out _, out var written);
        _length += written;
    }

    /// <summary>Appends what <see cref="Text"/> holds, encoded, to the row being written directly, and empties it.</summary>
    public void AppendText()
    {
        AppendUtf8(Text.Span);
        Text.Clear();
    }

    /// <summary>Ends a row written directly as bytes.</summary>
    public void EndBytesRow() => Mark();

    private void Ensure(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }

    /// <summary>Records an empty row (one with no output) so row numbers stay aligned.</summary>
    public void SkipRow()
    {
        Text.Clear();
        Mark();
    }

    /// <summary>Writes rows <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) in one go.</summary>
    public void Write(Stream stream, int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        var start = from == 0 ? 0 : _ends[from - 1];
        stream.Write(_bytes, start, _ends[to - 1] - start);
    }

    /// <summary>How many of rows <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) have output.</summary>
    public int Written(int from, int to)
    {
        var count = 0;
        for (var row = from; row < to; row++)
        {
            if (_ends[row] > (row == 0 ? 0 : _ends[row - 1]))
            {
                count++;
            }
        }

        return count;
    }

    private void Mark()
    {
        if (_rows == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[_rows++] = _length;
    }
}
