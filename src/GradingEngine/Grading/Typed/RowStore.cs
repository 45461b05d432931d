using GradingEngine.Facts;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;

namespace GradingEngine.Grading.Typed;

/// <summary>
/// What one typed binding call works with: the problems found, the path of the record being bound, and pooled frames
/// and list arrays for linked children. Belongs to one thread; reused from row to row, so a row's children (and the
/// arrays holding them) are valid until the next row is bound. Nothing is allocated per row once the pools have grown
/// to the largest row seen.
/// </summary>
internal sealed class BindScope
{
    private readonly Dictionary<FactLayout, Pool<FactFrame>> _frames = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Pool<FactFrame[]>> _arrays = [];
    private readonly Stack<List<FactFrame>> _lists = new();
    private Pool<FactFrame>? _lastFrames;
    private int[] _quotaLevels = [];
    private int[] _quotaRanking = [];

    public List<InputProblem> Problems { get; } = [];

    /// <summary>
    /// When false, frames are evaluated without measure texts (no string per subject) and each evaluation is recorded
    /// in <see cref="Deferred"/>, so that the texts can be made later by <see cref="WriteMessages"/>, only when a full
    /// result is asked for.
    /// </summary>
    public bool WithMessages { get; init; } = true;

    /// <summary>The frames of the current row evaluated without texts, children first, with the evaluator that did it.</summary>
    private List<(FactFrame Frame, BackEnds.FrameEvaluator Evaluator)> Deferred { get; } = [];

    /// <summary>Evaluates a frame of the current row: with its measure texts, or without and recorded for <see cref="WriteMessages"/>.</summary>
    public void Evaluate(BackEnds.FrameEvaluator evaluator, FactFrame frame)
    {
        if (WithMessages)
        {
            evaluator.Evaluate(frame);
            return;
        }

        evaluator.Evaluate(frame, withMessages: false);
        Deferred.Add((frame, evaluator));
    }

    /// <summary>
    /// Evaluates again, with measure texts, every frame of the current row that was evaluated without, in the same
    /// order: the inputs and any quota's cap are still in the frames, so the values come out the same and the texts
    /// are what a full evaluation gives.
    /// </summary>
    public void WriteMessages()
    {
        foreach (var (frame, evaluator) in Deferred)
        {
            evaluator.Evaluate(frame);
        }

        Deferred.Clear();
    }

    /// <summary>The moves a quota made in the list being bound: member and the level it is moved to.</summary>
    public List<(int Member, int Level)> QuotaMoves { get; } = [];

    /// <summary>An empty list to collect a list input's children in (lists nest: members of members).</summary>
    public List<FactFrame> RentList() => _lists.TryPop(out var list) ? list : [];

    /// <summary>Hands a list back once its children are copied into the frame's array.</summary>
    public void ReturnList(List<FactFrame> list)
    {
        list.Clear();
        _lists.Push(list);
    }

    /// <summary>Starts a new row: every pooled frame and array is free again.</summary>
    public void Reset()
    {
        Problems.Clear();
        Deferred.Clear();
        foreach (var pool in _frames.Values)
        {
            pool.Used = 0;
        }

        foreach (var pool in _arrays.Values)
        {
            pool.Used = 0;
        }
    }

    /// <summary>A frame of the layout, free until the next <see cref="Reset"/>.</summary>
    public FactFrame Rent(FactLayout layout)
    {
        var pool = _lastFrames is { } last && ReferenceEquals(last.Key, layout) ? last : FramePool(layout);
        return pool.Used < pool.Items.Count ? pool.Items[pool.Used++] : pool.Add(layout.NewFrame());
    }

    /// <summary>
    /// An array holding <paramref name="frames"/>, free until the next <see cref="Reset"/>: each call of one row gets
    /// an array of its own (two nested lists of the same length in one row never share one).
    /// </summary>
    public FactFrame[] RentArray(List<FactFrame> frames)
    {
        var array = RentArray(frames.Count);
        frames.CopyTo(array);
        return array;
    }

    /// <summary>An array of one frame (a linked subject), free until the next <see cref="Reset"/>.</summary>
    public FactFrame[] RentArray(FactFrame frame)
    {
        var array = RentArray(1);
        array[0] = frame;
        return array;
    }

    /// <summary>Scratch for a quota: the members' levels.</summary>
    public int[] QuotaLevels(int count) => _quotaLevels.Length >= count ? _quotaLevels : _quotaLevels = new int[Math.Max(count, _quotaLevels.Length * 2)];

    /// <summary>Scratch for a quota: the members at its level, ranked.</summary>
    public int[] QuotaRanking(int count) => _quotaRanking.Length >= count ? _quotaRanking : _quotaRanking = new int[Math.Max(count, _quotaRanking.Length * 2)];

    private FactFrame[] RentArray(int length)
    {
        if (!_arrays.TryGetValue(length, out var pool))
        {
            _arrays[length] = pool = new Pool<FactFrame[]>(length);
        }

        return pool.Used < pool.Items.Count ? pool.Items[pool.Used++] : pool.Add(new FactFrame[length]);
    }

    private Pool<FactFrame> FramePool(FactLayout layout)
    {
        if (!_frames.TryGetValue(layout, out var pool))
        {
            _frames[layout] = pool = new Pool<FactFrame>(layout);
        }

        return _lastFrames = pool;
    }

    /// <summary>Pooled items of one kind: the first <see cref="Used"/> are taken in the current row.</summary>
    private sealed class Pool<T>(object key)
    {
        public object Key { get; } = key;

        public List<T> Items { get; } = [];

        public int Used { get; set; }

        public T Add(T item)
        {
            Items.Add(item);
            Used++;
            return item;
        }
    }
}

/// <summary>Stores a typed property's value into a frame with the same checks and messages as the dictionary path.</summary>
internal static class RowStore
{
    public static void Number(FactFrame frame, InputPlan input, double value, BindScope scope, string path)
    {
        string? problem = null;
        if (!double.IsFinite(value))
        {
            problem = "不是有限数值 (not a finite number)";
        }
        else if (input.Type == InputType.Integer && value != Math.Floor(value))
        {
            problem = $"{Fmt(value)} 不是整数 (must be a whole number)";
        }
        else if (value < (input.Min ?? double.NegativeInfinity) || value > (input.Max ?? double.PositiveInfinity))
        {
            problem = $"{Fmt(value)} 超出范围 [{(input.Min is { } lo ? Fmt(lo) : "-∞")}, {(input.Max is { } hi ? Fmt(hi) : "∞")}] (out of range)";
        }

        if (problem is null)
        {
            frame.Numbers[input.Slot.Index] = value;
        }
        else
        {
            scope.Problems.Add(new InputProblem(path, problem));
        }
    }

    public static void NullableNumber(FactFrame frame, InputPlan input, double? value, BindScope scope, string path)
    {
        if (value is { } v)
        {
            Number(frame, input, v, scope, path);
        }
        else
        {
            Absent(frame, input, scope, path);
        }
    }

    public static void Boolean(FactFrame frame, InputPlan input, bool? value, BindScope scope, string path)
    {
        if (value is { } b)
        {
            frame.Booleans[input.Slot.Index] = b;
        }
        else
        {
            Absent(frame, input, scope, path);
        }
    }

    public static void Text(FactFrame frame, InputPlan input, string? value, BindScope scope, string path)
    {
        if (value is not null)
        {
            frame.Texts[input.Slot.Index] = value;
        }
        else
        {
            Absent(frame, input, scope, path);
        }
    }

    public static void Date(FactFrame frame, InputPlan input, DateOnly? value, BindScope scope, string path)
    {
        if (value is { } d)
        {
            frame.Numbers[input.Slot.Index] = d.DayNumber;
        }
        else
        {
            Absent(frame, input, scope, path);
        }
    }

    public static void DateTime(FactFrame frame, InputPlan input, DateTime? value, BindScope scope, string path) =>
        Date(frame, input, value is { } v ? DateOnly.FromDateTime(v) : null, scope, path);

    /// <summary>An enumeration given as text: one of the scheme's values.</summary>
    public static void EnumText(FactFrame frame, InputPlan input, string? value, BindScope scope, string path)
    {
        if (value is null)
        {
            Absent(frame, input, scope, path);
            return;
        }

        var ordinal = input.ExprType.OrdinalOf(value.Trim());
        if (ordinal < 0)
        {
            scope.Problems.Add(new InputProblem(path, $"“{value}”不是允许的值（{string.Join("、", input.EnumValues)}） (not one of the allowed values)"));
        }
        else
        {
            frame.Numbers[input.Slot.Index] = ordinal;
        }
    }

    /// <summary>An enumeration given as a CLR enum, mapped by name to the scheme's ordinals when the binding was made.</summary>
    public static void EnumOrdinal(FactFrame frame, InputPlan input, int clrValue, int[] ordinals, int[] clrValues, BindScope scope, string path)
    {
        var at = System.Array.IndexOf(clrValues, clrValue);
        if (at < 0)
        {
            scope.Problems.Add(new InputProblem(path, $"“{clrValue}”不是允许的值（{string.Join("、", input.EnumValues)}） (not one of the allowed values)"));
        }
        else
        {
            frame.Numbers[input.Slot.Index] = ordinals[at];
        }
    }

    /// <summary>An input the row does not give: its default, or a problem when it is required.</summary>
    public static void Absent(FactFrame frame, InputPlan input, BindScope scope, string path)
    {
        switch (input.Default)
        {
            case double d:
                frame.Numbers[input.Slot.Index] = d;
                break;
            case bool b:
                frame.Booleans[input.Slot.Index] = b;
                break;
            case string s:
                frame.Texts[input.Slot.Index] = s;
                break;
            default:
                scope.Problems.Add(new InputProblem(path, $"缺少必需的值“{input.DisplayName}” (required value missing)"));
                break;
        }
    }

    private static string Fmt(double value) => Expressions.ValueFormatter.FormatNumber(value);
}
