using System.Globalization;
using System.Text;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Reads a batch record file (CSV or JSON Lines) block by block: decodes it and splits records and fields into
/// reusable <see cref="RecordBlock"/>s, allocating nothing per record once the blocks have grown to fit.
/// </summary>
/// <remarks>
/// One thread calls <see cref="ReadBlock"/>; the filled blocks can then be read by other threads while the reader
/// fills the next one (each block owns its text). Bad bytes never throw: they decode to U+FFFD and the record holding
/// them gets an error. Records that cannot be split properly get a <see cref="RecordError"/> with the place to look.
/// No record takes another's lines: a record too long to keep is its first line alone, and a CSV quote that would
/// run over line breaks into a malformed record is taken as unclosed at the end of its line (see
/// <see cref="CsvSplitter"/>). <see cref="Lines"/> counts the file's physical lines as it is decoded, apart from
/// the splitting, so that every line can be accounted for: header, blank, a record's first line or a continuation.
/// </remarks>
internal sealed class RecordFileReader : IDisposable
{
    private static readonly string[] NoHeader = [];

    private readonly Stream _stream;
    private readonly RecordSplitter _splitter;
    private readonly JsonLinesSplitter? _jsonLines;
    private readonly Decoder _decoder;
    private readonly string[] _header = NoHeader;
    private readonly int _blockRecords;
    private readonly int _maxRecordChars;
    private readonly int _readBytes;
    private readonly int _decodeChars;
    private readonly string _badBytes;

    // Bytes read but not yet decoded: _bytes[_byteStart.._byteEnd].
    private readonly byte[] _bytes;
    private int _byteStart;
    private int _byteEnd;
    private long _bytesRead;
    private bool _streamDone;
    private bool _decoderDone;
    private bool _firstChars = true;

    // Text decoded but not yet split, carried from one block to the next.
    private char[] _carry;
    private int _carryLength;

    // Where the next U+FFFD is in the unsplit text (-1: none there).
    private int _badAt = -1;

    // Physical lines: line feeds decoded, and whether the text decoded so far ends inside a line.
    private long _lineFeeds;
    private bool _openLine;

    private long _line = 1;
    private bool _skipping;
    private long _skipLine;
    private long _sequence;
    private bool _disposed;

    private RecordFileReader(Stream stream, string name, RecordFormat format, RecordFileOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockRecords, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRecordChars, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRecordLines, 1, nameof(options));

        _stream = stream;
        Name = name;
        Format = format;
        _blockRecords = options.BlockRecords;
        _maxRecordChars = options.MaxRecordChars;
        _readBytes = options.ReadBytes;
        _decodeChars = Math.Max(8, options.DecodeChars);
        _carry = new char[_decodeChars];
        Length = stream.CanSeek ? stream.Length - stream.Position : -1;

        _bytes = new byte[Math.Max(_readBytes, options.Encoding is null ? EncodingDetector.SampleBytes : 0)];
        if (options.Encoding is null)
        {
            while (_byteEnd < EncodingDetector.SampleBytes)
            {
                var read = stream.Read(_bytes, _byteEnd, Math.Min(_readBytes, EncodingDetector.SampleBytes - _byteEnd));
                if (read == 0)
                {
                    _streamDone = true;
                    break;
                }

                _byteEnd += read;
            }

            _bytesRead = _byteEnd;
            Encoding = EncodingDetector.Detect(_bytes.AsSpan(0, _byteEnd), wholeFile: _streamDone);
        }
        else
        {
            Encoding = EncodingDetector.Replacing(options.Encoding);
        }

        _decoder = Encoding.GetDecoder();
        _badBytes = Encoding.CodePage == Encoding.UTF8.CodePage
            ? "包含无效的 UTF-8 字节（文件可能混有 GBK/GB18030 编码的内容） (invalid UTF-8 bytes; part of the file may be GBK-encoded)"
            : $"包含不是有效 {Encoding.WebName} 编码的字节 (bytes that are not valid {Encoding.WebName})";

        if (format == RecordFormat.JsonLines)
        {
            _splitter = _jsonLines = new JsonLinesSplitter();
            return;
        }

        var csv = new CsvSplitter { MaxRecordChars = _maxRecordChars, MaxRecordLines = options.MaxRecordLines };
        _splitter = csv;
        var headerBlock = new RecordBlock(1, 32, 2 * _decodeChars);
        Fill(headerBlock, 1);
        HeaderLines = headerBlock.Count;
        if (headerBlock.Count == 1)
        {
            _header = new string[headerBlock.FieldCount(0)];
            for (var i = 0; i < _header.Length; i++)
            {
                _header[i] = headerBlock.Field(0, i).Trim().ToString();
            }

            HeaderError = headerBlock.ErrorOf(0);
            csv.ExpectedFields = _header.Length;
        }
    }

    /// <summary>The file's name (its path when opened from one).</summary>
    public string Name { get; }

    /// <summary>The file's layout.</summary>
    public RecordFormat Format { get; }

    /// <summary>The encoding the file is decoded with: the one given, or the one detected.</summary>
    public Encoding Encoding { get; }

    /// <summary>CSV: the header's fields, trimmed (a byte order mark is not part of the first). JSON Lines: empty.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>CSV: the problem with the header record, if it has one.</summary>
    public RecordError? HeaderError { get; }

    /// <summary>How many bytes the stream had left when opened, or -1 when that is not known.</summary>
    public long Length { get; }

    /// <summary>How many bytes have been decoded so far (for a progress bar; reaches <see cref="Length"/> at the end).</summary>
    public long Position => _bytesRead - (_byteEnd - _byteStart);

    /// <summary>How many blank lines were skipped so far (they are not records).</summary>
    public long BlankLines { get; private set; }

    /// <summary>CSV: 1 once the header record is read (0 for a file of blank lines); JSON Lines: 0.</summary>
    public int HeaderLines { get; }

    /// <summary>
    /// How many lines continued a record so far: the second and later lines of records whose quoted fields hold line
    /// breaks (the header's included).
    /// </summary>
    public long ContinuationLines { get; private set; }

    /// <summary>
    /// The physical lines decoded so far: line feeds, plus a last line without one; counted from the text, apart
    /// from how it is split. Once every block has been read, it equals
    /// <see cref="HeaderLines"/> + <see cref="BlankLines"/> + records + <see cref="ContinuationLines"/>.
    /// </summary>
    public long Lines => _lineFeeds + (_openLine ? 1 : 0);

    /// <summary>
    /// Opens a file, its format told by its extension: <c>.csv</c> is CSV; <c>.jsonl</c>, <c>.ndjson</c> and <c>.json</c>
    /// are JSON Lines; <c>.xlsx</c> is a workbook whose first sheet is read as CSV rows (<see cref="XlsxRecordStream"/>).
    /// A CSV file's header is read at once.
    /// </summary>
    public static RecordFileReader Open(string path, RecordFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (XlsxRecordStream.IsWorkbook(path))
        {
            return Open(XlsxRecordStream.Open(path), path, RecordFormat.Csv, (options ?? new RecordFileOptions()) with { Encoding = new UTF8Encoding(false) });
        }

        var extension = Path.GetExtension(path);
        RecordFormat format;
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            format = RecordFormat.Csv;
        }
        else if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            format = RecordFormat.JsonLines;
        }
        else
        {
            throw new ArgumentException($"无法从扩展名“{extension}”判断文件格式 (cannot tell the format from the extension \"{extension}\"; use .csv, .jsonl, .ndjson or .json)", nameof(path));
        }

        // Unbuffered: the reader reads large chunks itself.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Open(stream, path, format, options);
    }

    /// <summary>
    /// Opens a stream of the given format; the reader owns the stream and disposes of it (also when opening fails).
    /// A CSV stream's header is read at once.
    /// </summary>
    public static RecordFileReader Open(Stream stream, string name, RecordFormat format, RecordFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!Enum.IsDefined(format))
            {
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }

            return new RecordFileReader(stream, name, format, options ?? new RecordFileOptions());
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>A block sized for this reader's records.</summary>
    public RecordBlock NewBlock() =>
        new(_blockRecords, Format == RecordFormat.Csv ? Math.Max(1, _header.Length) : 16, (int)Math.Min(Array.MaxLength, (_blockRecords * 128L) + (2L * _decodeChars)));

    /// <summary>
    /// Fills <paramref name="block"/> with the next records, up to <see cref="RecordFileOptions.BlockRecords"/>;
    /// returns <see langword="false"/>, with the block empty, when no records remain.
    /// </summary>
    public bool ReadBlock(RecordBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_disposed, this);
        block.Reset(_blockRecords, fieldColumns: Format == RecordFormat.JsonLines);
        Fill(block, _blockRecords);
        block.Columns = _jsonLines is null ? _header : _jsonLines.Columns;
        if (block.Count == 0)
        {
            return false;
        }

        block.Sequence = _sequence++;
        return true;
    }

    /// <summary>
    /// How many records the file holds, guessed from the size of the file and the bytes a record of
    /// <paramref name="block"/> (a filled block, best the first) takes; the block's own count when the size is unknown.
    /// </summary>
    public long EstimateRecords(RecordBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var bytes = Encoding.GetByteCount(block.Chars, 0, block.TextLength);
        return Length < 0 || block.Count == 0 || bytes == 0
            ? block.Count
            : Math.Max(block.Count, (long)(Length / ((double)bytes / block.Count)));
    }

    /// <summary>Closes the stream.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }

    private void Fill(RecordBlock block, int limit)
    {
        var chars = block.Chars;
        if (chars.Length < _carryLength + _decodeChars)
        {
            chars = block.GrowChars(_carryLength + _decodeChars, 0);
        }

        _carry.AsSpan(0, _carryLength).CopyTo(chars);
        var length = _carryLength;
        var position = 0;
        _carryLength = 0;
        while (block.Count < limit)
        {
            if (_skipping)
            {
                // The rest of a line too long to keep, up to its line feed.
                var lineFeed = chars.AsSpan(position, length - position).IndexOf('\n');
                if (lineFeed >= 0)
                {
                    EndSkip(block);
                    position += lineFeed + 1;
                    SeekBad(chars, position, length);
                    continue;
                }

                length = position; // the skipped text is not kept
                _badAt = -1;
                if (!DecodeMore(block, ref chars, ref length))
                {
                    EndSkip(block);
                    break;
                }

                continue;
            }

            switch (_splitter.Split(block, position, length, _decoderDone, out var split))
            {
                case SplitStatus.Record:
                    Commit(block, chars, position, split);
                    position = split.Next;
                    SeekBad(chars, position, length);
                    break;
                case SplitStatus.Blank:
                    BlankLines++;
                    _line++;
                    position = split.Next;
                    break;
                case SplitStatus.End:
                    goto done;
                default:
                    if (length - position > _maxRecordChars + 1L)
                    {
                        // Too long to keep: skip its line (reported when its end is found), keeping nothing of it.
                        // (The splitter has already cut a record whose quoted fields ran over a line break.)
                        _skipping = true;
                        _skipLine = _line;
                                    }
                    else
                    {
                        DecodeMore(block, ref chars, ref length);
                    }

                    break;
            }
        }

    done:
        block.TextLength = position;
        var tail = length - position;
        if (_carry.Length < tail)
        {
            _carry = new char[Math.Max(tail, 2 * _carry.Length)];
        }

        chars.AsSpan(position, tail).CopyTo(_carry);
        _carryLength = tail;
        if (_badAt >= 0)
        {
            _badAt -= position;
        }
    }

    private void Commit(RecordBlock block, char[] chars, int start, in SplitResult split)
    {
        var line = _line;
        var record = chars.AsSpan(start, split.ContentEnd - start);
        var continuation = split.MultiLine ? record.Count('\n') : 0;
        _line += 1 + continuation;
        ContinuationLines += continuation;
        if (record.Length > _maxRecordChars)
        {
            var quote = _splitter.UnterminatedQuote;
            block.Commit(line, 0, TooLong(line, quote < 0 ? null : RecordSplitter.Locate(record, quote - start)));
            return;
        }

        RecordError? error = null;
        if (_badAt >= 0 && _badAt < split.ContentEnd)
        {
            var (lineOffset, column) = RecordSplitter.Locate(record, _badAt - start);
            error = new RecordError(
                column,
                lineOffset == 0 ? _badBytes : string.Create(CultureInfo.InvariantCulture, $"第 {line + lineOffset} 行{_badBytes}"));
        }

        var fields = _splitter.Finish(block, start, split, line, ref error);
        block.Commit(line, fields, error);
    }

    /// <summary>Reports the line skipped as too long.</summary>
    private void EndSkip(RecordBlock block)
    {
        _skipping = false;
        _line++;
        block.Commit(_skipLine, 0, TooLong(_skipLine, null));
    }

    private RecordError TooLong(long line, (int LineOffset, int Column)? unclosedQuote)
    {
        var tooLong = string.Create(CultureInfo.InvariantCulture, $"行过长（超过 {_maxRecordChars} 个字符）");
        var english = string.Create(CultureInfo.InvariantCulture, $"record too long: over {_maxRecordChars} characters");
        if (unclosedQuote is not var (lineOffset, column))
        {
            return new RecordError(0, $"{tooLong} ({english})");
        }

        return new RecordError(column, lineOffset == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{tooLong}，第 {column} 列的引号未闭合 ({english}; the quote at column {column} is never closed)")
            : string.Create(CultureInfo.InvariantCulture, $"{tooLong}，第 {line + lineOffset} 行第 {column} 列的引号未闭合 ({english}; the quote at line {line + lineOffset}, column {column} is never closed)"));
    }

    private void SeekBad(char[] chars, int position, int length)
    {
        if (_badAt >= 0 && _badAt < position)
        {
            var next = chars.AsSpan(position, length - position).IndexOf('\uFFFD');
            _badAt = next < 0 ? -1 : position + next;
        }
    }

    /// <summary>Decodes more text after <paramref name="length"/>, growing the block's buffer if need be; false at the end.</summary>
    private bool DecodeMore(RecordBlock block, ref char[] chars, ref int length)
    {
        if (_decoderDone)
        {
            return false;
        }

        if (chars.Length - length < _decodeChars)
        {
            chars = block.GrowChars(length + _decodeChars, length);
        }

        var decoded = Decode(chars.AsSpan(length, _decodeChars));
        if (decoded == 0)
        {
            _decoderDone = true;
            return false;
        }

        var text = chars.AsSpan(length, decoded);
        _lineFeeds += text.Count('\n');
        _openLine = text[^1] != '\n';
        if (_badAt < 0)
        {
            var bad = text.IndexOf('\uFFFD');
            if (bad >= 0)
            {
                _badAt = length + bad;
            }
        }

        length += decoded;
        return true;
    }

    /// <summary>Decodes into <paramref name="destination"/> (at least 8 long); 0 at the end of the stream.</summary>
    private int Decode(Span<char> destination)
    {
        while (true)
        {
            if (_byteStart == _byteEnd && !_streamDone)
            {
                var read = _stream.Read(_bytes, 0, Math.Min(_readBytes, _bytes.Length));
                _byteStart = 0;
                _byteEnd = read;
                _bytesRead += read;
                _streamDone = read == 0;
            }

            // At most one character per byte, plus what a sequence left pending may add: stay 4 short of the space.
            var available = _byteEnd - _byteStart;
            var take = Math.Min(Math.Min(available, _readBytes), destination.Length - 4);
            var flush = _streamDone && take == available;
            _decoder.Convert(_bytes.AsSpan(_byteStart, take), destination, flush, out var used, out var produced, out var completed);
            _byteStart += used;
            if (produced > 0 && _firstChars)
            {
                _firstChars = false;
                if (destination[0] == '\uFEFF')
                {
                    destination[1..produced].CopyTo(destination);
                    produced--;
                }
            }

            if (produced > 0)
            {
                return produced;
            }

            if (flush && (completed || used == 0))
            {
                return 0;
            }
        }
    }
}
