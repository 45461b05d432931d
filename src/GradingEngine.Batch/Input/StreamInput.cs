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

    private sealed class TextReaderStream(TextReader reader) : ProducedStream
    {
        private readonly char[] _chars = new char[4096];
        private readonly System.Text.Encoder _encoder = new System.Text.UTF8Encoding(false).GetEncoder();
        private readonly byte[] _bytes = new byte[4096 * 3 + 4];
        private bool _read;

        protected override ReadOnlyMemory<byte> Produce()
        {
            // A chunk that ends in half a surrogate pair encodes to nothing yet: read on until there are bytes or the end.
            var length = 0;
            while (length == 0 && !_read)
            {
                var read = reader.Read(_chars, 0, _chars.Length);
                _read = read == 0;
                length = _encoder.GetBytes(_chars, 0, read, _bytes, 0, flush: _read);
            }

            return _bytes.AsMemory(0, length);
        }

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
