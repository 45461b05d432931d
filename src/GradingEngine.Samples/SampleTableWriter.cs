using System.Buffers;
using System.Globalization;
using System.Text;

namespace GradingEngine.Samples;

/// <summary>What a cell holds.</summary>
internal enum SampleCellKind : byte
{
    /// <summary>No value: an empty CSV cell, a JSON null.</summary>
    Missing,
    Integer,
    Number,
    Boolean,
    Text,
    /// <summary>A member id: <see cref="SampleCell.Text"/> (the organisation id), <c>-</c>, and <see cref="SampleCell.Integer"/> in 3 digits.</summary>
    NumberedId,
    /// <summary>Text written as GB18030 bytes whatever the file's encoding (a deliberately bad cell).</summary>
    ForeignBytes,
}

/// <summary>One cell of a row about to be written.</summary>
internal struct SampleCell
{
    public SampleCellKind Kind;
    public long Integer;
    public double Number;
    public string? Text;

    public static SampleCell Missing => default;

    public static SampleCell Of(long value) => new() { Kind = SampleCellKind.Integer, Integer = value };

    public static SampleCell Of(double value) => new() { Kind = SampleCellKind.Number, Number = value };

    public static SampleCell Of(bool value) => new() { Kind = SampleCellKind.Boolean, Integer = value ? 1 : 0 };

    public static SampleCell Of(string value) => new() { Kind = SampleCellKind.Text, Text = value };

    public static SampleCell NumberedId(string prefix, int number) => new() { Kind = SampleCellKind.NumberedId, Text = prefix, Integer = number };

    /// <summary>The text a CSV file shows for the cell (for numbers, booleans and text).</summary>
    public readonly string DisplayText => Kind switch
    {
        SampleCellKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        SampleCellKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        SampleCellKind.Boolean => Integer != 0 ? "是" : "否",
        SampleCellKind.Text or SampleCellKind.ForeignBytes => Text ?? string.Empty,
        SampleCellKind.NumberedId => string.Create(CultureInfo.InvariantCulture, $"{Text}-{Integer:000}"),
        _ => string.Empty,
    };
}

/// <summary>
/// Writes one table of a sample as CSV or JSON Lines to <c>name.tmp</c> through a buffered writer, and renames it to
/// <c>name</c> once complete. CSV: comma separated, quoted only when a cell needs it, <c>\n</c> line endings,
/// booleans as <c>是</c>/<c>否</c>. JSON Lines: one object per line, the column names as property names.
/// </summary>
internal sealed class SampleTableWriter : IDisposable
{
    private static readonly SearchValues<char> CsvSpecial = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> JsonSpecial = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly FileStream _stream;
    private readonly StreamWriter _writer;
    private readonly bool _json;
    private readonly string[] _names;
    private readonly string[] _jsonNames;
    private bool _completed;

    public SampleTableWriter(string folder, string fileName, IReadOnlyList<string> columns, bool json, Encoding encoding)
    {
        FileName = fileName;
        FinalPath = Path.Combine(folder, fileName);
        TempPath = FinalPath + ".tmp";
        _json = json;
        _names = [.. columns];
        _jsonNames = [.. columns.Select(c => JsonString(c) + ":")];
        _stream = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _writer = new StreamWriter(_stream, encoding, 1 << 16) { NewLine = "\n" };
        if (!json)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (i > 0)
                {
                    _writer.Write(',');
                }

                WriteCsvText(_names[i]);
            }

            _writer.Write('\n');
        }
    }

    public string FileName { get; }

    public string FinalPath { get; }

    public string TempPath { get; }

    /// <summary>Data rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The 1-based line the next row goes on (a CSV header is line 1).</summary>
    public long NextLine => Rows + (_json ? 1 : 2);

    public int Columns => _names.Length;

    /// <summary>
    /// Writes a row. <paramref name="cutShort"/> drops the last cell: in CSV the row has one field too few, in JSON
    /// Lines the object is left unclosed.
    /// </summary>
    public void WriteRow(ReadOnlySpan<SampleCell> cells, bool cutShort = false)
    {
        var count = cutShort ? cells.Length - 1 : cells.Length;
        if (_json)
        {
            _writer.Write('{');
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    _writer.Write(',');
                }

                _writer.Write(_jsonNames[i]);
                WriteJsonValue(in cells[i]);
            }

            if (!cutShort)
            {
                _writer.Write('}');
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    _writer.Write(',');
                }

                WriteCsvValue(in cells[i]);
            }
        }

        _writer.Write('\n');
        Rows++;
    }

    /// <summary>Flushes, closes and renames the temporary file to its final name.</summary>
    public void Complete()
    {
        _writer.Flush();
        _writer.Dispose();
        File.Move(TempPath, FinalPath, overwrite: true);
        _completed = true;
    }

    /// <summary>Closes the writer; an incomplete temporary file is deleted.</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _writer.Dispose();
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // Best effort: the temporary name never passes for a finished file.
        }
    }

    private void WriteCsvValue(in SampleCell cell)
    {
        switch (cell.Kind)
        {
            case SampleCellKind.Integer:
                WriteInteger(cell.Integer);
                break;
            case SampleCellKind.Number:
                WriteNumber(cell.Number);
                break;
            case SampleCellKind.Boolean:
                _writer.Write(cell.Integer != 0 ? '是' : '否');
                break;
            case SampleCellKind.Text:
                WriteCsvText(cell.Text!);
                break;
            case SampleCellKind.NumberedId:
                WriteNumberedId(in cell);
                break;
            case SampleCellKind.ForeignBytes:
                WriteForeignBytes(cell.Text!);
                break;
        }
    }

    private void WriteJsonValue(in SampleCell cell)
    {
        switch (cell.Kind)
        {
            case SampleCellKind.Integer:
                WriteInteger(cell.Integer);
                break;
            case SampleCellKind.Number:
                WriteNumber(cell.Number);
                break;
            case SampleCellKind.Boolean:
                _writer.Write(cell.Integer != 0 ? "true" : "false");
                break;
            case SampleCellKind.Text:
                WriteJsonText(cell.Text!);
                break;
            case SampleCellKind.NumberedId:
                _writer.Write('"');
                WriteNumberedId(in cell);
                _writer.Write('"');
                break;
            case SampleCellKind.ForeignBytes:
                _writer.Write('"');
                WriteForeignBytes(cell.Text!);
                _writer.Write('"');
                break;
            default:
                _writer.Write("null");
                break;
        }
    }

    private void WriteInteger(long value)
    {
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
    }

    private void WriteNumberedId(in SampleCell cell)
    {
        _writer.Write(cell.Text);
        Span<char> buffer = stackalloc char[24];
        buffer[0] = '-';
        cell.Integer.TryFormat(buffer[1..], out var written, "000", CultureInfo.InvariantCulture);
        _writer.Write(buffer[..(written + 1)]);
    }

    private void WriteNumber(double value)
    {
        Span<char> buffer = stackalloc char[40];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
    }

    private void WriteCsvText(string text)
    {
        if (text.AsSpan().IndexOfAny(CsvSpecial) < 0)
        {
            _writer.Write(text);
            return;
        }

        _writer.Write('"');
        _writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    private void WriteJsonText(string text)
    {
        if (text.AsSpan().IndexOfAny(JsonSpecial) < 0)
        {
            _writer.Write('"');
            _writer.Write(text);
            _writer.Write('"');
            return;
        }

        _writer.Write(JsonString(text));
    }

    /// <summary>Bytes that are not in the file's encoding: flush the text written so far, then write them raw.</summary>
    private void WriteForeignBytes(string text)
    {
        _writer.Flush();
        _stream.Write(SampleEncodings.Gb18030.GetBytes(text));
    }

    private static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>The encodings samples are written in.</summary>
internal static class SampleEncodings
{
    private static readonly Lazy<Encoding> LazyGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static Encoding Utf8WithBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>GB18030, registering the code-pages provider (in the box since .NET Core 3.0) on first use.</summary>
    public static Encoding Gb18030 => LazyGb18030.Value;

    public static Encoding For(SampleFileFormat format, SampleEncoding encoding) =>
        format == SampleFileFormat.JsonLines
            ? Utf8
            : encoding switch
            {
                SampleEncoding.Utf8WithBom => Utf8WithBom,
                SampleEncoding.Gb18030 => Gb18030,
                _ => Utf8,
            };
}
