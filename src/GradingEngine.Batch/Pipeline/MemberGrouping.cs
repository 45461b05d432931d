using System.Runtime.InteropServices;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Each organisation's kept members, in the order they were kept: told each kept member's organisation in turn, it
/// answers which kept members (their indexes, 0, 1, 2 … in the order kept) are an organisation's.
/// </summary>
/// <remarks>
/// A members file exported by organisation lists each organisation's members together, and then an organisation's
/// members are one run of indexes: its first and its count are all there is to keep, 8 bytes an organisation. Only
/// when an organisation's members come back after another's does it keep every member's organisation and group them
/// at the end (<see cref="MemberStage.GroupByOrganisation"/>): for a province of 6 million members that is two arrays
/// of 24 MB each, written once and read once, which the runs spare a run on a grouped file.
/// </remarks>
internal sealed class MemberGrouping
{
    private readonly int[] _first;
    private readonly int[] _count;
    private List<int>? _organisationOf; // every kept member's organisation, once the runs are not enough
    private int _capacity;
    private int _last = -1;
    private int _kept;

    public MemberGrouping(int organisations)
    {
        _first = new int[organisations];
        _count = new int[organisations];
        Array.Fill(_first, -1);
    }

    /// <summary>Whether every organisation's members so far are one run of indexes.</summary>
    public bool InRuns => _organisationOf is null;

    /// <summary>How many members are likely to be kept: room kept for them if the runs are given up.</summary>
    public void Expect(long members) => _capacity = (int)Math.Clamp(members + (members / 20), 0, Array.MaxLength);

    /// <summary>The next kept member is organisation <paramref name="ordinal"/>'s.</summary>
    public void Add(int ordinal)
    {
        if (_organisationOf is { } organisationOf)
        {
            organisationOf.Add(ordinal);
        }
        else if (ordinal == _last)
        {
            _count[ordinal]++;
        }
        else if (_first[ordinal] < 0)
        {
            (_first[ordinal], _count[ordinal], _last) = (_kept, 1, ordinal);
        }
        else
        {
            LeaveRuns().Add(ordinal); // the organisation's members come back after another's
        }

        _kept++;
    }

    /// <summary>
    /// Each organisation's members: organisation <c>o</c>'s are <c>First[o] .. First[o] + Count[o]</c>, as indexes
    /// when <c>Order</c> is null, else as positions in <c>Order</c>, which holds the indexes.
    /// </summary>
    public (int[] First, int[] Count, int[]? Order) Build()
    {
        if (_organisationOf is null)
        {
            return (_first, _count, null);
        }

        var (start, order) = MemberStage.GroupByOrganisation(CollectionsMarshal.AsSpan(_organisationOf), _first.Length);
        _organisationOf = null;
        for (var o = 0; o < _first.Length; o++)
        {
            (_first[o], _count[o]) = (start[o], start[o + 1] - start[o]);
        }

        return (_first, _count, order);
    }

    /// <summary>Every member kept so far, by organisation, from the runs.</summary>
    private List<int> LeaveRuns()
    {
        var organisationOf = new List<int>(Math.Max(_capacity, _kept + 1));
        CollectionsMarshal.SetCount(organisationOf, _kept);
        var span = CollectionsMarshal.AsSpan(organisationOf);
        for (var o = 0; o < _first.Length; o++)
        {
            if (_first[o] >= 0)
            {
                span.Slice(_first[o], _count[o]).Fill(o);
            }
        }

        return _organisationOf = organisationOf;
    }
}
