using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;

namespace GradingEngine.Grading.Typed;

/// <summary>
/// A subject given as a dictionary (input ids or Chinese labels to values, <c>id</c> for the subject's id) bound into
/// a scheme's slots with exactly the checks, problems and field paths of <see cref="SubjectBinder"/>, but through the
/// typed path's machinery: every key the scheme accepts is resolved to its input once, when the binding is made; the
/// row's entries are read in the dictionary's own order (each key checked first against the key seen at that place
/// in the last row, which is a string comparison, before any hashing); values are converted without boxing; linked
/// children, their frames and the arrays holding them come from the <see cref="BindScope"/>'s pools and are graded
/// through it, so binding allocates nothing a well-formed row does not already hold. Problems are spelled out only
/// when there are some. Immutable but for the key each place last held (a benign race: a stale guess only costs a
/// lookup). Thread-safe.
/// </summary>
internal sealed class DictionaryBinding
{
    /// <summary>The most entries of one record whose keys are remembered by place.</summary>
    private const int RememberedPlaces = 128;

    /// <summary>The most inputs whose seen marks live on the stack.</summary>
    private const int StackMarks = 256;

    private readonly InputPlan[] _inputs;
    private readonly Dictionary<string, int> _names;
    private readonly Dictionary<string, Key> _keys;
    private readonly Key?[] _places;

    /// <summary>The binding of a scheme's own inputs (its linked schemes bound by theirs).</summary>
    public DictionaryBinding(GradingScheme scheme)
        : this(scheme.Model.Inputs, scheme.LinkedScheme)
    {
    }

    /// <summary>The binding of the records of a list input of a scheme's own (its fields).</summary>
    public static DictionaryBinding ForRecords(IReadOnlyList<InputPlan> fields) => new(fields, null);

    private DictionaryBinding(IReadOnlyList<InputPlan> inputs, Func<CheckedScheme, GradingScheme>? linkedScheme)
    {
        _inputs = [.. inputs];
        _names = InputText.Names(inputs);
        var targets = new Target[_inputs.Length];
        for (var i = 0; i < _inputs.Length; i++)
        {
            var input = _inputs[i];
            if (input.Linked is { } linked && linkedScheme is not null)
            {
                var scheme = linkedScheme(linked);
                targets[i] = new Target(i, input, input.Type == InputType.Subject ? TargetKind.LinkedSubject : TargetKind.LinkedList, scheme.Dictionaries, scheme);
            }
            else if (input.Type == InputType.List && input.ChildLayout is not null)
            {
                targets[i] = new Target(i, input, TargetKind.List, ForRecords(input.Fields), null);
            }
            else
            {
                var kind = input.Type switch
                {
                    InputType.Number or InputType.Integer when input.Slot.Kind == StorageKind.Number => TargetKind.Number,
                    InputType.Boolean when input.Slot.Kind == StorageKind.Boolean => TargetKind.Boolean,
                    _ => TargetKind.Value,
                };
                targets[i] = new Target(i, input, kind, null, null);
            }
        }

        // As the reference binder looks keys up: the subject's id first, then ids and labels, then ratings (a rating's
        // id or label, its rater scores nested by rater id or label).
        _keys = new Dictionary<string, Key>(StringComparer.Ordinal) { [SubjectBinder.IdField] = new Key(SubjectBinder.IdField, null, null) };
        foreach (var (name, index) in _names)
        {
            _keys.TryAdd(name, new Key(name, targets[index], null));
        }

        var ratings = new Dictionary<string, Dictionary<string, Key>>(StringComparer.Ordinal);
        for (var i = 0; i < _inputs.Length; i++)
        {
            var input = _inputs[i];
            if (input.RatingId is not { } rating)
            {
                continue;
            }

            var label = input.Label ?? input.Id;
            var ratingLabel = label[..label.IndexOf('·', StringComparison.Ordinal)];
            var raterLabel = label[(label.IndexOf('·', StringComparison.Ordinal) + 1)..];
            foreach (var key in new[] { rating, ratingLabel })
            {
                if (!ratings.TryGetValue(key, out var raters))
                {
                    ratings[key] = raters = new Dictionary<string, Key>(StringComparer.Ordinal);
                }

                raters.TryAdd(input.RaterId!, new Key(input.RaterId!, targets[i], null));
                raters.TryAdd(raterLabel, new Key(raterLabel, targets[i], null));
            }
        }

        foreach (var (name, raters) in ratings)
        {
            _keys.TryAdd(name, new Key(name, null, new Rating(raters)));
        }

        _places = new Key?[Math.Min(RememberedPlaces, _keys.Count)];
    }

    /// <summary>
    /// Binds one record into <paramref name="frame"/>; its problems are added to the scope with field paths relative to
    /// the record (the caller prefixes a child's).
    /// </summary>
    public void Bind(IReadOnlyDictionary<string, object?> values, FactFrame frame, BindScope scope)
    {
        Span<bool> seen = _inputs.Length <= StackMarks ? stackalloc bool[_inputs.Length] : new bool[_inputs.Length];
        object? id = null;
        var idGiven = false;
        var place = 0;
        if (AsDictionary(values) is { } dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                Entry(name, value, place++, frame, scope, seen, ref id, ref idGiven);
            }

            if (!idGiven && !IsOrdinal(dictionary.Comparer) && dictionary.TryGetValue(SubjectBinder.IdField, out var other))
            {
                id = other;
            }
        }
        else
        {
            foreach (var (name, value) in values)
            {
                Entry(name, value, place++, frame, scope, seen, ref id, ref idGiven);
            }

            // The id as the dictionary itself finds it (its comparer may not be ordinal).
            if (!idGiven && values.TryGetValue(SubjectBinder.IdField, out var other))
            {
                id = other;
            }
        }

        frame.SubjectId = id as string ?? (id is null ? null : Convert.ToString(id, CultureInfo.InvariantCulture));
        for (var i = 0; i < _inputs.Length; i++)
        {
            if (!seen[i])
            {
                Missing(_inputs[i], frame, scope);
            }
        }
    }

    private static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default);

    private void Entry(string name, object? value, int place, FactFrame frame, BindScope scope, Span<bool> seen, ref object? id, ref bool idGiven)
    {
        var key = Find(_keys, _places, name, place);
        if (key is null)
        {
            Unknown(name, scope);
        }
        else if (key.Target is { } target)
        {
            Store(target, value, name, null, frame, scope, seen);
        }
        else if (key.Rating is { } rating)
        {
            if (AsDictionary(value) is { } dictionary)
            {
                BindRating(rating, name, dictionary, frame, scope, seen);
            }
            else if (value is IReadOnlyDictionary<string, object?> nested)
            {
                BindRating(rating, name, nested, frame, scope, seen);
            }
            else
            {
                Unknown(name, scope);
            }
        }
        else
        {
            id = value;
            idGiven = true;
        }
    }

    /// <summary>The key at <paramref name="place"/> if it is the one seen there last time, else looked up (and remembered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Key? Find(Dictionary<string, Key> keys, Key?[] places, string name, int place)
    {
        if (place < places.Length)
        {
            if (places[place] is { } last && string.Equals(last.Name, name, StringComparison.Ordinal))
            {
                return last;
            }

            if (keys.TryGetValue(name, out var found))
            {
                places[place] = found;
                return found;
            }

            return null;
        }

        return keys.GetValueOrDefault(name);
    }

    private static void BindRating(Rating rating, string name, Dictionary<string, object?> nested, FactFrame frame, BindScope scope, Span<bool> seen)
    {
        var place = 0;
        foreach (var (rater, score) in nested)
        {
            Rater(rating, name, rater, score, place++, frame, scope, seen);
        }
    }

    private static void BindRating(Rating rating, string name, IReadOnlyDictionary<string, object?> nested, FactFrame frame, BindScope scope, Span<bool> seen)
    {
        var place = 0;
        foreach (var (rater, score) in nested)
        {
            Rater(rating, name, rater, score, place++, frame, scope, seen);
        }
    }

    /// <summary>
    /// The value as a <see cref="Dictionary{TKey, TValue}"/> of exactly that type (what callers mostly give), checked by
    /// its type alone, so that its entries are read with its own enumerator; null for anything else.
    /// </summary>
    private static Dictionary<string, object?>? AsDictionary(object? value) =>
        value is not null && value.GetType() == typeof(Dictionary<string, object?>) ? Unsafe.As<Dictionary<string, object?>>(value) : null;

    private static void Rater(Rating rating, string name, string rater, object? score, int place, FactFrame frame, BindScope scope, Span<bool> seen)
    {
        if (Find(rating.Raters, rating.Places, rater, place) is { Target: { } target })
        {
            Store(target, score, name, rater, frame, scope, seen);
        }
        else
        {
            UnknownRater(name, rater, scope);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UnknownRater(string name, string rater, BindScope scope) =>
        scope.Problems.Add(new InputProblem($"{name}.{rater}", $"未知的评价主体“{rater}” (unknown rater)"));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Unknown(string name, BindScope scope)
    {
        var suggestion = Diagnostics.Suggestions.Closest(name, _names.Keys);
        var hint = suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？";
        scope.Problems.Add(new InputProblem(name, $"方案未声明该字段{hint} (unknown field)"));
    }

    /// <summary>One entry's value into its input; <paramref name="rater"/> is set for a rater score given nested.</summary>
    private static void Store(Target target, object? value, string name, string? rater, FactFrame frame, BindScope scope, Span<bool> seen)
    {
        var input = target.Input;
        if (seen[target.Index])
        {
            Problem(scope, Path(name, rater), input, "重复给出 (given twice, by id and by label)");
            return;
        }

        if (value is null)
        {
            return; // treated as absent: default or "required" once the record is read
        }

        seen[target.Index] = true;
        switch (target.Kind)
        {
            // What callers mostly give, stored at once when it fits: an int or a double for a number, a bool for a
            // boolean. Anything else, and any value that does not fit, goes the general way (and gets its message).
            case TargetKind.Number when value is int whole && whole >= target.Min && whole <= target.Max:
                frame.Numbers[target.Slot] = whole;
                break;
            case TargetKind.Number when value is double real && double.IsFinite(real) && (!target.Integer || real == Math.Floor(real)) && real >= target.Min && real <= target.Max:
                frame.Numbers[target.Slot] = real;
                break;
            case TargetKind.Boolean when value is bool flag:
                frame.Booleans[target.Slot] = flag;
                break;
            case TargetKind.Value or TargetKind.Number or TargetKind.Boolean:
                if (!SubjectBinder.TryStore(input, value, frame, out var problem))
                {
                    Problem(scope, Path(name, rater), problem!);
                }

                break;
            case TargetKind.List or TargetKind.LinkedList:
                List(target, value, Path(name, rater), frame, scope);
                break;
            case TargetKind.LinkedSubject:
                Subject(target, value, Path(name, rater), frame, scope);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Path(string name, string? rater) => rater is null ? name : $"{name}.{rater}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Problem(BindScope scope, string field, string message) => scope.Problems.Add(new InputProblem(field, message));

    /// <summary>A problem whose message starts with the input's name in quotes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Problem(BindScope scope, string field, InputPlan input, string what) =>
        scope.Problems.Add(new InputProblem(field, $"“{input.DisplayName}”{what}"));

    /// <summary>A list item's path, <c>党员[3]</c>, and what follows it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string ItemPath(string path, int n, string after) => $"{path}[{n}]{after}";

    /// <summary>A list of records: each bound by the child binding and, when linked, graded; then the linked scheme's quotas.</summary>
    private static void List(Target target, object value, string path, FactFrame frame, BindScope scope)
    {
        var input = target.Input;
        if (value is string || value is not IEnumerable items)
        {
            Problem(scope, path, input, "应为对象数组 (must be an array of objects)");
            return;
        }

        var frames = scope.RentList();
        if (value.GetType() == typeof(List<object?>))
        {
            var list = Unsafe.As<List<object?>>(value);
            for (var n = 0; n < list.Count; n++)
            {
                Item(target, list[n], n, path, frames, scope);
            }
        }
        else if (items is IReadOnlyList<object?> list)
        {
            for (var n = 0; n < list.Count; n++)
            {
                Item(target, list[n], n, path, frames, scope);
            }
        }
        else
        {
            var n = 0;
            foreach (var item in items)
            {
                Item(target, item, n++, path, frames, scope);
            }
        }

        if (target.Linked is { } linked)
        {
            RowQuotas.Apply(linked, frames, scope);
        }

        frame.Lists[input.Slot.Index] = frames.Count == 0 ? [] : scope.RentArray(frames);
        scope.ReturnList(frames);
    }

    private static void Item(Target target, object? item, int n, string path, List<FactFrame> frames, BindScope scope)
    {
        var record = AsDictionary(item) ?? item as IReadOnlyDictionary<string, object?>;
        if (record is null)
        {
            Problem(scope, ItemPath(path, n, string.Empty), "应为对象 (must be an object)");
            return;
        }

        var linked = target.Linked;
        var child = scope.Rent(linked?.Model.Layout ?? target.Input.ChildLayout!);
        var before = scope.Problems.Count;
        target.Child!.Bind(record, child, scope);
        if (scope.Problems.Count != before)
        {
            Prefix(scope, before, ItemPath(path, n, "."));
            return;
        }

        if (linked is not null)
        {
            child.Numbers[linked.Model.ImposedCap.Index] = 0; // a rented frame may hold a quota's cap from its last use
            scope.Evaluate(linked.Evaluator, child);
        }

        frames.Add(child);
    }

    /// <summary>A linked subject (the team): bound, graded, its values copied into the parent's frame.</summary>
    private static void Subject(Target target, object value, string path, FactFrame frame, BindScope scope)
    {
        var input = target.Input;
        var record = AsDictionary(value) ?? value as IReadOnlyDictionary<string, object?>;
        if (record is null)
        {
            Problem(scope, path, input, "应为对象 (must be an object)");
            return;
        }

        var linked = target.Linked!;
        var child = scope.Rent(linked.Model.Layout);
        var before = scope.Problems.Count;
        target.Child!.Bind(record, child, scope);
        if (scope.Problems.Count != before)
        {
            Prefix(scope, before, path + ".");
            return;
        }

        child.Numbers[linked.Model.ImposedCap.Index] = 0;
        scope.Evaluate(linked.Evaluator, child);
        input.TakeLinked(frame, child);
        frame.Lists[input.Slot.Index] = scope.RentArray(child);
    }

    private static void Prefix(BindScope scope, int from, string prefix)
    {
        for (var i = from; i < scope.Problems.Count; i++)
        {
            scope.Problems[i] = scope.Problems[i] with { Field = prefix + scope.Problems[i].Field };
        }
    }

    /// <summary>An input the record does not give (or gives as null): cleared, empty, its default, or a problem.</summary>
    private static void Missing(InputPlan input, FactFrame frame, BindScope scope)
    {
        if (input.Type == InputType.Subject && !input.Required)
        {
            input.ClearLinked(frame);
            return;
        }

        if (input.Type == InputType.List)
        {
            frame.Lists[input.Slot.Index] = [];
            return;
        }

        RowStore.Absent(frame, input, scope, input.Id);
    }

    private enum TargetKind
    {
        /// <summary>A text, enumeration or date (or anything else converted by <see cref="SubjectBinder.TryStore"/>).</summary>
        Value,

        /// <summary>A number or whole number.</summary>
        Number,

        /// <summary>A boolean.</summary>
        Boolean,

        /// <summary>A list of records of the scheme's own (not graded).</summary>
        List,

        /// <summary>A list of subjects graded by a linked scheme (members).</summary>
        LinkedList,

        /// <summary>One subject graded by a linked scheme (the team).</summary>
        LinkedSubject,
    }

    /// <summary>An input and how its value is bound.</summary>
    private sealed class Target(int index, InputPlan input, TargetKind kind, DictionaryBinding? child, GradingScheme? linked)
    {
        public int Index { get; } = index;

        public InputPlan Input { get; } = input;

        /// <summary>The input's slot (of its kind).</summary>
        public int Slot { get; } = input.Slot.Index;

        /// <summary>For a number: the smallest allowed value (−∞ for none).</summary>
        public double Min { get; } = input.Min ?? double.NegativeInfinity;

        /// <summary>For a number: the largest allowed value (∞ for none).</summary>
        public double Max { get; } = input.Max ?? double.PositiveInfinity;

        /// <summary>For a number: whether it must be whole.</summary>
        public bool Integer { get; } = input.Type == InputType.Integer;

        public TargetKind Kind { get; } = kind;

        /// <summary>For a list or linked input: the binding of each child record.</summary>
        public DictionaryBinding? Child { get; } = child;

        /// <summary>For a linked input: the scheme that grades each child.</summary>
        public GradingScheme? Linked { get; } = linked;
    }

    /// <summary>A key the scheme accepts: an input's (<see cref="Target"/>), a rating's (<see cref="Rating"/>), or the subject's id (neither).</summary>
    private sealed class Key(string name, Target? target, Rating? rating)
    {
        /// <summary>
        /// The key, interned: the same string as the literals a caller's code fills its dictionaries with, so that the
        /// comparison with the key seen at a place is by reference; other keys are compared by content.
        /// </summary>
        public string Name { get; } = string.Intern(name);

        public Target? Target { get; } = target;

        public Rating? Rating { get; } = rating;
    }

    /// <summary>A rating given as a nested record of rater scores.</summary>
    private sealed class Rating(Dictionary<string, Key> raters)
    {
        public Dictionary<string, Key> Raters { get; } = raters;

        public Key?[] Places { get; } = new Key?[Math.Min(RememberedPlaces, raters.Count)];
    }
}
