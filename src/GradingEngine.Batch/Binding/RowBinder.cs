using System.Globalization;
using GradingEngine.Batch.Input;
using GradingEngine.RuleModel;
using GradingEngine.Facts;
using GradingEngine.Grading;
using GradingEngine.Schemes;

namespace GradingEngine.Batch.Binding;

/// <summary>One problem with one row of a data file.</summary>
/// <param name="Column">1-based column (field) number; 0 when it concerns the whole row.</param>
/// <param name="ColumnName">The column's header name, if any.</param>
/// <param name="Message">What is wrong, in Chinese with an English gloss.</param>
internal readonly record struct CellProblem(int Column, string? ColumnName, string Message)
{
    /// <summary>
    /// For a record that could not be read as it stands: the 1-based character position, within its physical line,
    /// where the problem is (<see cref="RecordError.Column"/>); 0 otherwise.
    /// </summary>
    public int Position { get; init; }

    /// <summary>The problem of a record that could not be read as it stands: its character position, no field.</summary>
    public static CellProblem Malformed(RecordError error) => new(0, null, error.Message) { Position = error.Column };
}

/// <summary>
/// Binds the cells of one record straight into a frame's slots, converting text to numbers, booleans, enumeration
/// ordinals and dates without allocating, and checking each value against the scheme's declaration. Problems are
/// collected with their column, so a bad row can be reported precisely. Immutable; the per-row scratch state lives
/// in the caller's <see cref="Scratch"/>.
/// </summary>
internal sealed class RowBinder
{
    private readonly CheckedScheme _plan;
    private readonly Target[] _targets;
    private readonly int _givenByRows; // inputs the rows give (not filled by the batch from other files)

    public RowBinder(CheckedScheme plan)
    {
        _plan = plan;
        _targets = plan.Inputs.Select(i => new Target(i)).ToArray();
        _givenByRows = _targets.Count(t => !t.FilledByBatch);
    }

    /// <summary>One input flattened for the binding loop: no interface calls, no nullable reads, no unboxing.</summary>
    private readonly struct Target(InputPlan input)
    {
        public readonly InputPlan Input = input;
        public readonly InputType Type = input.Type;
        public readonly StorageKind Kind = input.Slot.Kind;
        public readonly int Slot = input.Slot.Index;
        public readonly double Min = input.Min ?? double.NegativeInfinity;
        public readonly double Max = input.Max ?? double.PositiveInfinity;
        public readonly string[] EnumValues = [.. input.EnumValues];
        public readonly bool FilledByBatch = input.Linked is not null || input.Type == InputType.List;
        public readonly bool HasDefault = input.Default is not null;
        public readonly double DefaultNumber = input.Default is double d ? d : 0;
        public readonly bool DefaultBoolean = input.Default is true;
        public readonly string DefaultText = input.Default as string ?? string.Empty;
    }

    /// <summary>Per-worker scratch: which inputs a row gave.</summary>
    public sealed class Scratch(int inputs)
    {
        public readonly bool[] Seen = new bool[inputs];
    }

    public Scratch NewScratch() => new(_plan.Inputs.Count);

    /// <summary>
    /// Fills <paramref name="frame"/> from record <paramref name="record"/> of <paramref name="block"/> using
    /// <paramref name="map"/>; absent inputs take their defaults. Returns false and adds to <paramref name="problems"/>
    /// when any cell is bad or a required value is missing, or when a cell of any column the run reads (an input, an
    /// id, a name, a region) holds a control character or a lone surrogate
    /// (<see cref="InputText.IndexOfForbiddenCharacter"/>): such a row is rejected, never graded with the character
    /// copied or stripped.
    /// </summary>
    public bool Bind(RecordBlock block, int record, ColumnMap map, FactFrame frame, Scratch scratch, List<CellProblem> problems)
    {
        var before = problems.Count;
        var seen = scratch.Seen;
        Array.Clear(seen);
        var seenCount = 0;
        var first = block.FirstFieldOf(record);
        var end = block.EndFieldOf(record);
        var chars = block.Chars;
        var starts = block.FieldStarts;
        var lengths = block.FieldLengths;
        var columns = block.FieldColumns;
        var cells = map.BindIndex;
        var targets = _targets;
        var numbers = frame.Numbers;

        // Every cell the run reads (ids, names, regions, inputs) is text, never control characters: the record's text
        // (its fields lie in order in the block's chars) is looked through at once, each cell only if need be.
        var suspect = false;
        if (end > first)
        {
            var text = starts[end - 1] + lengths[end - 1] - starts[first];
            suspect = text < 0 || InputText.MayHoldForbiddenCharacter(new ReadOnlySpan<char>(chars, starts[first], text));
        }

        for (var i = first; i < end; i++)
        {
            var column = columns is null ? i - first : columns[i];
            if ((uint)column >= (uint)cells.Length)
            {
                continue; // past the header's columns
            }

            var index = cells[column];
            if (index == ColumnMap.Ignored)
            {
                continue; // an ignored column
            }

            var raw = new ReadOnlySpan<char>(chars, starts[i], lengths[i]);
            if (suspect && InputText.IndexOfForbiddenCharacter(raw) is var forbidden and >= 0)
            {
                problems.Add(new CellProblem(i - first + 1, map.Columns[column], InputText.DescribeForbiddenCharacter(raw, forbidden)));
                if (index >= 0)
                {
                    seen[index] = true; // given, though unusable: not "missing" as well
                }

                continue;
            }

            if (index < 0)
            {
                continue; // read by the run (an id, a name, a region), not an input
            }

            var cell = InputText.Trim(raw);
            if (cell.IsEmpty)
            {
                continue; // absent: default or "required" below
            }

            ref readonly var target = ref targets[index];
            if (!seen[index])
            {
                seen[index] = true;
                seenCount += target.FilledByBatch ? 0 : 1;
            }

            if (!TryStore(in target, cell, numbers, frame))
            {
                problems.Add(new CellProblem(i - first + 1, map.Columns[column], Explain(target.Input, cell)));
            }
        }

        if (seenCount == _givenByRows)
        {
            return problems.Count == before; // every input the rows give was given: no default, nothing missing
        }

        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i])
            {
                continue;
            }

            ref readonly var target = ref _targets[i];
            if (target.FilledByBatch)
            {
                continue; // filled by the batch from the members and teams files
            }

            if (target.HasDefault)
            {
                switch (target.Kind)
                {
                    case StorageKind.Number:
                        frame.Numbers[target.Slot] = target.DefaultNumber;
                        break;
                    case StorageKind.Boolean:
                        frame.Booleans[target.Slot] = target.DefaultBoolean;
                        break;
                    case StorageKind.Text:
                        frame.Texts[target.Slot] = target.DefaultText;
                        break;
                }
            }
            else
            {
                var column = ColumnOf(map, i);
                var input = target.Input;
                problems.Add(new CellProblem(column + 1, column >= 0 ? map.Columns[column] : input.DisplayName,
                    $"缺少必需的值“{input.DisplayName}” (required value missing)"));
            }
        }

        return problems.Count == before;
    }

    private static int ColumnOf(ColumnMap map, int input) => Array.IndexOf(map.InputIndex, input);

    /// <summary>Converts and stores one cell; false when it does not fit the declaration.</summary>
    private static bool TryStore(in Target input, ReadOnlySpan<char> cell, double[] numbers, FactFrame frame)
    {
        switch (input.Type)
        {
            case InputType.Number or InputType.Integer:
            {
                double number;
                if (InputText.TryParseDigits(cell, out var whole))
                {
                    number = whole; // a plain whole number: the usual cell
                }
                else if (!InputText.TryParseNumber(cell, out number) || (input.Type == InputType.Integer && number != Math.Floor(number)))
                {
                    return false;
                }

                if (number < input.Min || number > input.Max)
                {
                    return false;
                }

                numbers[input.Slot] = number;
                return true;
            }

            case InputType.Boolean:
                if (!InputText.TryParseBoolean(cell, out var flag))
                {
                    return false;
                }

                frame.Booleans[input.Slot] = flag;
                return true;

            case InputType.Enumeration:
            {
                var values = input.EnumValues;
                for (var i = 0; i < values.Length; i++)
                {
                    if (cell.SequenceEqual(values[i]))
                    {
                        numbers[input.Slot] = i;
                        return true;
                    }
                }

                return false;
            }

            case InputType.Date:
                if (!InputText.TryParseDate(cell, out var date))
                {
                    return false;
                }

                numbers[input.Slot] = date.DayNumber;
                return true;

            case InputType.Text:
                frame.Texts[input.Slot] = cell.ToString();
                return true;

            default:
                return false;
        }
    }

    /// <summary>The message for a cell that did not convert: the same words as single-subject grading uses.</summary>
    private static string Explain(InputPlan input, ReadOnlySpan<char> cell)
    {
        var text = cell.ToString();
        return SubjectBinder.Convert(input, text, out _, out var problem) ? "值无效 (invalid value)" : problem!;
    }
}
