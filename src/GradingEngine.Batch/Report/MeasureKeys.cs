using System.Collections.Concurrent;

namespace GradingEngine.Batch.Report;

/// <summary>
/// The keys of one kind's measures (<see cref="ReportAggregator.WithoutNumbers(string)"/>: a measure of different
/// numbers is one key), numbered as the grading workers first meet them, so that a worker turns each measure text into
/// a small number and the committing thread counts by number, never hashing the texts on its own thread.
/// Thread-safe: looked up by every worker at once, added to under a lock.
/// </summary>
internal sealed class MeasureKeys
{
    /// <summary>
    /// How many keys are numbered at most; a measure with a key beyond them is counted by its text
    /// (<see cref="Of"/> returns -1), as when measures hold names rather than numbers.
    /// </summary>
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _texts = [];
    private readonly Lock _gate = new();

    public MeasureKeys() => _lookup = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The number of <paramref name="measure"/>'s key; -1 when <see cref="MaxKeys"/> keys are numbered and this one is not.</summary>
    public int Of(string measure)
    {
        var buffer = measure.Length <= 256 ? stackalloc char[measure.Length] : new char[measure.Length];
        var key = buffer[..ReportAggregator.WithoutNumbers(measure, buffer)];
        if (_lookup.TryGetValue(key, out var number))
        {
            return number;
        }

        lock (_gate)
        {
            if (_lookup.TryGetValue(key, out number))
            {
                return number;
            }

            if (_texts.Count >= MaxKeys)
            {
                return -1;
            }

            var text = key.ToString();
            number = _texts.Count;
            _texts.Add(text);
            _numbers[text] = number; // published after its text is listed
            return number;
        }
    }

    /// <summary>The key numbered <paramref name="number"/>.</summary>
    public string Text(int number)
    {
        lock (_gate)
        {
            return _texts[number];
        }
    }
}
