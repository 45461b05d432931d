// TEMPORARY stand-in for the record reader (replaced by the real one); same API.
#pragma warning disable CA1822
using System.Text;

namespace GradingEngine.Batch.Input;

internal enum RecordFormat { Csv, JsonLines }

internal sealed record RecordFileOptions
{
    public Encoding? Encoding { get; init; }
    public int BlockRecords { get; init; } = 4096;
    public int MaxRecordChars { get; init; } = 1 << 20;
}

internal readonly record struct RecordError(int Column, string Message);

internal sealed class RecordBlock
{
    internal readonly List<long> Lines = [];
    internal readonly List<string[]> Fields = [];
    internal readonly List<RecordError?> Errors = [];
    public long Sequence { get; internal set; }
    public int Count => Fields.Count;
    public IReadOnlyList<string> Columns { get; internal set; } = [];
    public long LineOf(int record) => Lines[record];
    public int FieldCount(int record) => Fields[record].Length;
    public ReadOnlySpan<char> Field(int record, int field) => Fields[record][field];
    public int ColumnOf(int record, int field) => field;
    public RecordError? ErrorOf(int record) => Errors[record];
}

internal sealed class RecordFileReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly RecordFileOptions _options;
    private long _line;
    private long _sequence;

    private RecordFileReader(Stream stream, string name, RecordFormat format, RecordFileOptions options)
    {
        _options = options;
        Name = name;
        Format = format;
        Length = stream.CanSeek ? stream.Length : -1;
        _reader = new StreamReader(stream, new UTF8Encoding(false), true);
        Encoding = Encoding.UTF8;
        string? header;
        do
        {
            header = _reader.ReadLine();
            _line++;
        }
        while (header is not null && header.Length == 0);
        Header = header is null ? [] : header.TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToArray();
    }

    public static RecordFileReader Open(string path, RecordFileOptions? options = null) =>
        new(File.OpenRead(path), Path.GetFileName(path), RecordFormat.Csv, options ?? new RecordFileOptions());

    public static RecordFileReader Open(Stream stream, string name, RecordFormat format, RecordFileOptions? options = null) =>
        new(stream, name, format, options ?? new RecordFileOptions());

    public string Name { get; }
    public RecordFormat Format { get; }
    public Encoding Encoding { get; }
    public IReadOnlyList<string> Header { get; }
    public long Length { get; }
    public long Position => _reader.BaseStream.Position;
    public long BlankLines { get; private set; }

    public RecordBlock NewBlock() => new();

    public bool ReadBlock(RecordBlock block)
    {
        block.Lines.Clear();
        block.Fields.Clear();
        block.Errors.Clear();
        block.Columns = Header;
        while (block.Count < _options.BlockRecords && _reader.ReadLine() is { } line)
        {
            _line++;
            if (line.Length == 0)
            {
                BlankLines++;
                continue;
            }

            var fields = line.Split(',');
            block.Lines.Add(_line);
            block.Fields.Add(fields);
            block.Errors.Add(fields.Length != Header.Count ? new RecordError(0, $"字段数为 {fields.Length}，表头有 {Header.Count} 列") : line.Contains('\uFFFD', StringComparison.Ordinal) ? new RecordError(line.IndexOf('\uFFFD', StringComparison.Ordinal) + 1, "包含无效的 UTF-8 字节") : null);
        }

        block.Sequence = _sequence++;
        return block.Count > 0;
    }

    public void Dispose() => _reader.Dispose();
}
