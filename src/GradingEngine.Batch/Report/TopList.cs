using System.Runtime.CompilerServices;

namespace GradingEngine.Batch.Report;

/// <summary>The first <c>capacity</c> values by an order, kept as values stream by (ties broken by the comparer, so the outcome is the same in any order).</summary>
internal sealed class TopList<T>(int capacity, IComparer<T> order)
{
    private readonly List<T> _values = new(capacity + 1);

    public void Add(T value)
    {
        if (_values.Count == capacity && order.Compare(value, _values[^1]) >= 0)
        {
            return;
        }

        var at = _values.BinarySearch(value, order);
        _values.Insert(at < 0 ? ~at : at, value);
        if (_values.Count > capacity)
        {
            _values.RemoveAt(_values.Count - 1);
        }
    }

    public IReadOnlyList<T> ToList() => [.. _values];
}

/// <summary>Counts of text keys (flags, measures), with a bound on how many distinct keys are kept; the rest count as 其他.</summary>
internal sealed class TextCounts(int maxKeys)
{
    public const string Other = "其他";

    private readonly Dictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public void Add(string key) => Counter(key).Value++;

    /// <summary>The counter of <paramref name="key"/> (of 其他 once <c>maxKeys</c> keys are kept), for a caller that looks it up once and counts many times.</summary>
    public StrongBox<long> Counter(string key)
    {
        if (_counts.TryGetValue(key, out var counter))
        {
            return counter;
        }

        if (_counts.Count < maxKeys)
        {
            _counts.Add(key, counter = new StrongBox<long>());
            return counter;
        }

        if (!_counts.TryGetValue(Other, out counter))
        {
            _counts.Add(Other, counter = new StrongBox<long>());
        }

        return counter;
    }

    /// <summary>The most frequent keys, most first, then by text (ordinal); keys looked up but never counted are left out.</summary>
    public IEnumerable<KeyValuePair<string, long>> Top(int count) =>
        _counts.Where(p => p.Value.Value > 0).Select(p => KeyValuePair.Create(p.Key, p.Value.Value))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count);
}
