using GradingEngine.Batch.Binding;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The errors file: one line per problem with a rejected row: file, line, column (field) number, character position,
/// column name, the row's id and the reason. A problem with one cell gives its column number (1 for the first field)
/// and name; a record that could not be read as it stands (an unclosed quote, bad JSON) gives the character position
/// within its physical line instead; a problem with the whole row gives neither. Written in file order as rows are
/// committed, so it is the same on any number of threads.
/// </summary>
/// <remarks>
/// Its text cells (the id above all, which is the rejected row's own) are escaped like every CSV text cell
/// (<see cref="CharBuffer.EndCsvText"/>). A rejected row's text may hold the control characters it was rejected for:
/// they are written as their visible symbols (U+0000 as ␀ U+2400 … U+001F as ␟, U+007F as ␡) and a lone surrogate as
/// U+FFFD �, so that the file stays text a spreadsheet opens whole; the reason names the character as U+XXXX.
/// </remarks>
internal sealed class ErrorLog(TextWriter? writer)
{
    private readonly CharBuffer _line = new();

    public static readonly IReadOnlyList<string> Header = ["文件", "行号", "列号", "字符位置", "列名", "编号", "原因"];

    public long Count { get; private set; }

    public void Start() => writer?.Write(CharBuffer.CsvLine(Header));

    public void Add(string file, long line, CellProblem problem, ReadOnlySpan<char> subjectId)
    {
        Count++;
        if (writer is null)
        {
            return;
        }

        _line.Clear();
        AppendVisible(file);
        _line.Append(',');
        _line.AppendInteger(line);
        _line.Append(',');
        if (problem.Column > 0)
        {
            _line.AppendInteger(problem.Column);
        }

        _line.Append(',');
        if (problem.Position > 0)
        {
            _line.AppendInteger(problem.Position);
        }

        _line.Append(',');
        AppendVisible(problem.ColumnName ?? string.Empty);
        _line.Append(',');
        AppendVisible(subjectId);
        _line.Append(',');
        AppendVisible(problem.Message);
        _line.Append('\n');
        _line.WriteTo(writer);
    }

    /// <summary>A text cell, its forbidden characters (<see cref="InputText.IndexOfForbiddenCharacter"/>) made visible.</summary>
    private void AppendVisible(ReadOnlySpan<char> text)
    {
        var start = _line.Length;
        while (InputText.IndexOfForbiddenCharacter(text) is var at and >= 0)
        {
            _line.Append(text[..at]);
            var c = text[at];
            _line.Append(c < ' ' ? (char)(0x2400 + c) : c == '\u007F' ? '\u2421' : '\uFFFD');
            text = text[(at + 1)..];
        }

        _line.Append(text);
        _line.EndCsvText(start);
    }
}
