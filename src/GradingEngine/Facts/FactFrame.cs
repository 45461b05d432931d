namespace GradingEngine.Facts;

/// <summary>
/// The compact per-subject record the compiled scheme reads and writes: one typed array per storage kind,
/// addressed by slot numbers fixed when the scheme is compiled. No dictionaries, no boxing.
/// </summary>
/// <remarks>
/// Numbers hold every numeric-like value: numbers, integers, dates (as <see cref="DateOnly.DayNumber"/>),
/// enumeration values (as the ordinal of the value in its declaration) and item scores.
/// A frame belongs to one grading call at a time; it is not thread-safe.
/// </remarks>
internal sealed class FactFrame
{
    /// <summary>Numbers, integers, dates (day numbers), enumeration ordinals.</summary>
    public readonly double[] Numbers;

    /// <summary>Booleans and flags.</summary>
    public readonly bool[] Booleans;

    /// <summary>Text values; never null once the frame is filled.</summary>
    public readonly string[] Texts;

    /// <summary>Lists of child subjects, each child a frame of the child layout.</summary>
    public readonly FactFrame[][] Lists;

    /// <summary>The subject's own id, when its input carried one (kept for linked children's results).</summary>
    public string? SubjectId;

    /// <summary>Creates a frame with the given number of slots of each kind.</summary>
    public FactFrame(int numbers, int booleans, int texts, int lists)
    {
        Numbers = numbers == 0 ? [] : new double[numbers];
        Booleans = booleans == 0 ? [] : new bool[booleans];
        Texts = texts == 0 ? [] : new string[texts];
        Lists = lists == 0 ? [] : new FactFrame[lists][];
        Array.Fill(Texts, string.Empty);
        Array.Fill(Lists, []);
    }

    /// <summary>Creates a frame sized for a layout.</summary>
    public FactFrame(FactLayout layout)
        : this(layout.NumberCount, layout.BooleanCount, layout.TextCount, layout.ListCount)
    {
    }

    /// <summary>Field names used when building LINQ expressions over a frame.</summary>
    internal const string NumbersField = nameof(Numbers);
    internal const string BooleansField = nameof(Booleans);
    internal const string TextsField = nameof(Texts);
    internal const string ListsField = nameof(Lists);
}

/// <summary>The kind of array a value lives in.</summary>
internal enum StorageKind
{
    /// <summary><see cref="FactFrame.Numbers"/>.</summary>
    Number,
    /// <summary><see cref="FactFrame.Booleans"/>.</summary>
    Boolean,
    /// <summary><see cref="FactFrame.Texts"/>.</summary>
    Text,
    /// <summary><see cref="FactFrame.Lists"/>.</summary>
    List,
}

/// <summary>A place in a frame: which array, which index.</summary>
internal readonly record struct Slot(StorageKind Kind, int Index)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}[{Index}]";
}

/// <summary>Allocates slots for one kind of subject; the counts size every frame of that kind.</summary>
internal sealed class FactLayout
{
    public int NumberCount { get; private set; }
    public int BooleanCount { get; private set; }
    public int TextCount { get; private set; }
    public int ListCount { get; private set; }

    /// <summary>Reserves a new slot of the given kind.</summary>
    public Slot Allocate(StorageKind kind) => kind switch
    {
        StorageKind.Number => new Slot(kind, NumberCount++),
        StorageKind.Boolean => new Slot(kind, BooleanCount++),
        StorageKind.Text => new Slot(kind, TextCount++),
        StorageKind.List => new Slot(kind, ListCount++),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Creates an empty frame of this layout.</summary>
    public FactFrame NewFrame() => new(this);
}
