using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Splits JSON Lines: one object per line; each property becomes a field, a nested object's properties become fields
/// named <c>外层.内层</c> (one level of nesting).
/// </summary>
/// <remarks>
/// A line is transcoded to UTF-8 into a reused buffer and read with <see cref="Utf8JsonReader"/>, which validates it;
/// values are written over the line's own characters (a value never takes more characters than its JSON text),
/// so nothing is allocated per line except for a property name seen for the first time.
/// </remarks>
internal sealed class JsonLinesSplitter : RecordSplitter
{
    private static readonly string[] NoColumns = [];

    private readonly List<string> _columns = [];
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnLookup;
    private string[] _snapshot = NoColumns;
    private long[] _lastSeen = [];
    private readonly List<byte[]> _leafUtf8 = []; // each column's name (after "外层." for a nested one) in UTF-8
    private readonly List<int> _parentOf = []; // each column's nested object, by number; -1 for none
    private readonly Dictionary<string, int> _parentIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _parentLookup;
    private int[] _predicted = [.. Enumerable.Repeat(-1, 32)];
    private long _records;
    private byte[] _utf8 = new byte[4096];
    private char[] _name = new char[256];

    /// <summary>Creates a splitter with no columns seen yet.</summary>
    public JsonLinesSplitter()
    {
        _columnLookup = _columnIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        _parentLookup = _parentIndex.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every property name seen so far, as an array never changed afterwards.</summary>
    public IReadOnlyList<string> Columns
    {
        get
        {
            if (_snapshot.Length != _columns.Count)
            {
                _snapshot = [.. _columns];
            }

            return _snapshot;
        }
    }

    /// <inheritdoc />
    public override SplitStatus Split(RecordBlock block, int start, int end, bool final, out SplitResult result)
    {
        result = default;
        var line = new ReadOnlySpan<char>(block.Chars, start, end - start);
        var lineFeed = line.IndexOf('\n');
        if (lineFeed < 0)
        {
            if (!final)
            {
                return SplitStatus.NeedMore;
            }

            if (line.IsEmpty)
            {
                return SplitStatus.End;
            }

            result.Next = end;
        }
        else
        {
            result.Next = start + lineFeed + 1;
            line = line[..lineFeed];
        }

        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        result.ContentEnd = start + line.Length;
        return line.IndexOfAnyExcept(" \t\r") < 0 ? SplitStatus.Blank : SplitStatus.Record;
    }

    /// <inheritdoc />
    public override int Finish(RecordBlock block, int start, in SplitResult result, long line, ref RecordError? error)
    {
        var text = new ReadOnlySpan<char>(block.Chars, start, result.ContentEnd - start);
        if (_utf8.Length < text.Length * 3)
        {
            _utf8 = new byte[Math.Max(text.Length * 3, _utf8.Length * 2)];
        }

        Utf8.FromUtf16(text, _utf8, out _, out var byteCount);
        var json = new ReadOnlySpan<byte>(_utf8, 0, byteCount);
        _records++;

        var fieldBase = block.FieldTotal;
        var fields = 0;
        var write = start;
        var reader = new Utf8JsonReader(json);
        RecordError? problem = null;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = At(json, reader.TokenStartIndex, "不是 JSON 对象", "not a JSON object");
            }
            else
            {
                var prefix = 0; // the length of "外层." in _name while inside a nested object
                var parent = -1; // the nested object's name, by number
                while (problem is null && reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        if (prefix == 0)
                        {
                            reader.Read(); // throws if anything but white space follows the object
                            break;
                        }

                        prefix = 0;
                        parent = -1;
                        continue;
                    }

                    // A property name, then its value. The name is most often the one at the same place in the
                    // line before: compare its UTF-8 bytes with that column's; else look it up by its text.
                    var nameStart = reader.TokenStartIndex;
                    var column = Predicted(ref reader, fields, parent);
                    var nameLength = column >= 0 ? 0 : CopyName(ref reader, prefix);
                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject when prefix == 0:
                            if (column >= 0)
                            {
                                nameLength = CopyName(_columns[column], 0);
                            }

                            parent = ParentOf(new ReadOnlySpan<char>(_name, 0, nameLength));
                            _name[nameLength] = '.';
                            prefix = nameLength + 1;
                            continue;
                        case JsonTokenType.StartObject:
                            problem = At(json, reader.TokenStartIndex, "对象嵌套超过一层", "objects nested more than one level deep are not supported");
                            continue;
                        case JsonTokenType.StartArray:
                            problem = At(json, reader.TokenStartIndex, "不支持数组", "arrays are not supported");
                            continue;
                    }

                    if (column < 0)
                    {
                        column = ColumnOf(new ReadOnlySpan<char>(_name, 0, nameLength), prefix, parent);
                    }

                    _predicted[fields] = column;
                    if (_lastSeen[column] == _records)
                    {
                        problem = At(json, nameStart, $"属性“{_columns[column]}”重复", $"duplicate property \"{_columns[column]}\"");
                        continue;
                    }

                    _lastSeen[column] = _records;
                    var length = WriteValue(ref reader, new Span<char>(block.Chars, write, result.ContentEnd - write));
                    var index = fieldBase + fields;
                    if (index >= block.FieldStarts.Length)
                    {
                        block.GrowFields(index + 1);
                    }

                    block.FieldStarts[index] = write;
                    block.FieldLengths[index] = length;
                    block.FieldColumns![index] = column;
                    write += length;
                    fields++;
                }
            }
        }
        catch (JsonException e)
        {
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problem = At(json, e.BytePositionInLine ?? 0, "JSON 格式错误", "invalid JSON: " + (cut < 0 ? detail : detail[..cut]));
        }
        catch (InvalidOperationException)
        {
            // A string whose escapes make invalid UTF-16 (a lone surrogate).
            problem = At(json, reader.TokenStartIndex, "JSON 字符串含无效的转义", "invalid escape in a JSON string");
        }

        error ??= problem;
        return fields;
    }

    /// <summary>Copies the property name after <paramref name="prefix"/> characters of <see cref="_name"/>; returns the length of both.</summary>
    private int CopyName(ref Utf8JsonReader reader, int prefix)
    {
        EnsureName(prefix + reader.ValueSpan.Length + 1);
        return prefix + reader.CopyString(_name.AsSpan(prefix));
    }

    private int CopyName(string name, int prefix)
    {
        EnsureName(prefix + name.Length + 1);
        name.CopyTo(_name.AsSpan(prefix));
        return prefix + name.Length;
    }

    private void EnsureName(int length)
    {
        if (_name.Length < length)
        {
            Array.Resize(ref _name, Math.Max(length, _name.Length * 2));
        }
    }

    /// <summary>The column at <paramref name="position"/> in the line before, if the reader's property name is its name; else -1.</summary>
    private int Predicted(ref Utf8JsonReader reader, int position, int parent)
    {
        if (position >= _predicted.Length)
        {
            var grown = Math.Max(position + 1, _predicted.Length * 2);
            var old = _predicted.Length;
            Array.Resize(ref _predicted, grown);
            _predicted.AsSpan(old).Fill(-1);
            return -1;
        }

        var guess = _predicted[position];
        return guess >= 0 && _parentOf[guess] == parent && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_leafUtf8[guess])
            ? guess
            : -1;
    }

    /// <summary>The column named <paramref name="name"/> (<c>外层.内层</c> in a nested object, whose name ends at <paramref name="prefix"/>), added if new.</summary>
    private int ColumnOf(ReadOnlySpan<char> name, int prefix, int parent)
    {
        if (!_columnLookup.TryGetValue(name, out var column))
        {
            column = _columns.Count;
            var text = name.ToString();
            _columns.Add(text);
            _columnIndex.Add(text, column);
            _leafUtf8.Add(Encoding.UTF8.GetBytes(text, prefix, text.Length - prefix));
            _parentOf.Add(parent);
            if (_lastSeen.Length <= column)
            {
                Array.Resize(ref _lastSeen, Math.Max(16, _lastSeen.Length * 2));
            }
        }

        return column;
    }

    /// <summary>The number of the nested object named <paramref name="name"/>, given when first seen.</summary>
    private int ParentOf(ReadOnlySpan<char> name)
    {
        if (!_parentLookup.TryGetValue(name, out var parent))
        {
            parent = _parentIndex.Count;
            _parentIndex.Add(name.ToString(), parent);
        }

        return parent;
    }

    private static int WriteValue(ref Utf8JsonReader reader, Span<char> destination)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped:
                Utf8.ToUtf16(reader.ValueSpan, destination, out _, out var written);
                return written;
            case JsonTokenType.String:
                return reader.CopyString(destination);
            case JsonTokenType.Number:
                return Encoding.ASCII.GetChars(reader.ValueSpan, destination);
            case JsonTokenType.True:
                "true".CopyTo(destination);
                return 4;
            case JsonTokenType.False:
                "false".CopyTo(destination);
                return 5;
            default:
                return 0; // null
        }
    }

    private static RecordError At(ReadOnlySpan<byte> json, long bytePosition, string chinese, string english)
    {
        var position = (int)Math.Clamp(bytePosition, 0, json.Length);
        return new RecordError(Encoding.UTF8.GetCharCount(json[..position]) + 1, $"{chinese} ({english})");
    }
}
