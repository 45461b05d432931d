using GradingEngine.Schemes;

namespace GradingEngine.Samples;

/// <summary>
/// Turns chosen rows of one file into bad ones. The rows belong to organisations spread evenly through the file
/// (a member file's bad row is the middle member of its organisation); each file has its own phase, so the three
/// files rarely spoil the same organisation. The kinds are used in turn (<see cref="SampleCorruptionKinds"/>).
/// A bad row never uses the random stream, so the rest of the file is as it would be without it.
/// </summary>
internal sealed class SampleCorruptor
{
    private readonly IReadOnlyList<SampleColumn> _columns;
    private readonly int[] _targets;
    private readonly string[] _kinds;
    private readonly int _idColumn;
    private readonly int _organisationColumn;
    private readonly int[] _numeric;
    private readonly int[] _ranged;
    private readonly int[] _required;
    private readonly int _textColumn;
    private int _next;

    /// <param name="columns">The file's columns.</param>
    /// <param name="idRole">The role of the row's own id column.</param>
    /// <param name="organisations">Organisations in the sample.</param>
    /// <param name="count">Bad rows to write (at most one per organisation).</param>
    /// <param name="phase">1–3: where in each stretch of organisations the bad row falls, in quarters.</param>
    /// <param name="kinds">The kinds to use in turn.</param>
    public SampleCorruptor(IReadOnlyList<SampleColumn> columns, SampleColumnRole idRole, int organisations, int count, int phase, string[] kinds)
    {
        _columns = columns;
        _kinds = kinds;
        _targets = new int[count];
        for (var k = 0; k < count; k++)
        {
            _targets[k] = (int)((((4L * k) + phase) * organisations) / (4L * count));
        }

        _idColumn = Index(c => c.Role == idRole);
        _organisationColumn = Index(c => c.Role == SampleColumnRole.OrganisationId);
        _numeric = Indexes(c => c.IsNumeric);
        _ranged = Indexes(c => c.IsNumeric && (c.Input!.Min is not null || c.Input.Max is not null));
        _required = Indexes(c => c.Input is { Required: true, Type: not InputType.Boolean });
        if (_required.Length == 0)
        {
            _required = Indexes(c => c.Input is { Required: true });
        }

        _textColumn = Index(c => c.Role == SampleColumnRole.OrganisationName);
        if (_textColumn < 0)
        {
            _textColumn = Index(c => c.Input is { Type: InputType.Text or InputType.Enumeration or InputType.Boolean });
        }
    }

    /// <summary>The kinds for a file, in the order they are used.</summary>
    public static string[] Kinds(bool organisationFile, bool utf8) =>
    [
        SampleCorruptionKinds.NotANumber,
        SampleCorruptionKinds.OutOfRange,
        SampleCorruptionKinds.MissingRequired,
        SampleCorruptionKinds.MissingId,
        organisationFile ? SampleCorruptionKinds.DuplicateId : SampleCorruptionKinds.UnknownOrganisation,
        SampleCorruptionKinds.WrongFieldCount,
        .. utf8 ? [SampleCorruptionKinds.InvalidEncoding] : Array.Empty<string>(),
    ];

    /// <summary>
    /// When organisation <paramref name="organisation"/>'s row in this file is to be bad, spoils
    /// <paramref name="cells"/> and says how (<paramref name="kind"/>; null when the row stays good).
    /// </summary>
    /// <param name="organisation">The organisation's index.</param>
    /// <param name="cells">The row.</param>
    /// <param name="earlierId">An id an earlier organisation row carries, for a duplicate.</param>
    /// <param name="kind">The kind written, or null.</param>
    /// <returns>Whether the row is to be written cut short (its last cell dropped).</returns>
    public bool TryApply(int organisation, Span<SampleCell> cells, string? earlierId, out string? kind)
    {
        kind = null;
        if (_next >= _targets.Length || _targets[_next] != organisation)
        {
            return false;
        }

        var ordinal = _next++;
        var round = ordinal / _kinds.Length;
        kind = _kinds[ordinal % _kinds.Length];
        switch (kind)
        {
            case SampleCorruptionKinds.NotANumber when _numeric.Length > 0:
                cells[_numeric[round % _numeric.Length]] = SampleCell.Of("十二");
                return false;
            case SampleCorruptionKinds.OutOfRange when _ranged.Length > 0:
            {
                var column = _ranged[round % _ranged.Length];
                var input = _columns[column].Input!;
                var value = round % 2 == 0 && input.Min is { } min ? min - 5
                    : input.Max is { } max ? (max < 999 ? 999 : max + 1)
                    : input.Min!.Value - 5;
                cells[column] = SampleCell.Of((long)Math.Floor(value));
                return false;
            }

            case SampleCorruptionKinds.MissingRequired when _required.Length > 0:
                cells[_required[round % _required.Length]] = SampleCell.Missing;
                return false;
            case SampleCorruptionKinds.MissingId:
                cells[_idColumn] = SampleCell.Missing;
                return false;
            case SampleCorruptionKinds.DuplicateId when earlierId is not null:
                cells[_idColumn] = SampleCell.Of(earlierId);
                return false;
            case SampleCorruptionKinds.UnknownOrganisation:
                cells[_organisationColumn] = SampleCell.Of(SampleRegions.UnknownOrganisationId(organisation));
                return false;
            case SampleCorruptionKinds.InvalidEncoding when _textColumn >= 0:
                cells[_textColumn] = new SampleCell { Kind = SampleCellKind.ForeignBytes, Text = cells[_textColumn].DisplayText };
                return false;
            default:
                // WrongFieldCount, or a kind this file has no column for.
                kind = SampleCorruptionKinds.WrongFieldCount;
                return true;
        }
    }

    private int Index(Func<SampleColumn, bool> predicate)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (predicate(_columns[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private int[] Indexes(Func<SampleColumn, bool> predicate) =>
        [.. Enumerable.Range(0, _columns.Count).Where(i => predicate(_columns[i]))];
}
