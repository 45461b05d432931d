using System.Data;
using GradingEngine.Batch.Output;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Inputs the caller opens: a stream (bytes in any encoding the files may have), a text reader, or a data reader,
/// asked for by the names of <see cref="ProvinceFiles"/>; CSV unless the name ends in <c>.jsonl</c>, <c>.ndjson</c> or
/// <c>.json</c>. Each is read as a file of that name is, with the same checks; an input may be opened more than once.
/// </summary>
internal sealed class StreamInput(Func<string, Stream> open, RecordFormat? format = null) : IInputSource
{
    public RecordFileReader Open(string name, RecordFileOptions options)
    {
        var stream = open(name) ?? throw new BatchInputException($"没有打开输入“{name}” (the input '{name}' was not opened: the callback returned null)");
        return RecordFileReader.Open(stream, name, format ?? FormatOf(name), options);
    }

    public InputFingerprint Fingerprint(string kind, string name) => new(kind, "stream " + name, -1, string.Empty);

    private static RecordFormat FormatOf(string name) =>
        name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? RecordFormat.JsonLines
            : RecordFormat.Csv;

    /// <summary>A text reader's text as UTF-8 bytes, encoded as they are read.</summary>
    public static Stream Utf8(TextReader reader) => new TextReaderStream(reader);

    /// <summary>A data reader's rows as CSV text (a header of its column names), produced as they are read.</summary>
    public static Stream Csv(IDataReader reader) => new DataReaderCsvStream(reader);

    private sealed class TextReaderStream(TextReader reader) : Stream
    {
        private readonly char[] _chars = new char[4096];
        private readonly System.Text.Encoder _encoder = new System.Text.UTF8Encoding(false).GetEncoder();
        private readonly byte[] _bytes = new byte[4096 * 3 + 4];
        private int _offset;
        private int _length;
        private bool _done;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_offset == _length)
            {
                if (_done)
                {
                    return 0;
                }

                var read = reader.Read(_chars, 0, _chars.Length);
                _done = read == 0;
                _length = _encoder.GetBytes(_chars, 0, read, _bytes, 0, flush: _done);
                _offset = 0;
            }

            var n = Math.Min(buffer.Length, _length - _offset);
            _bytes.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                reader.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
