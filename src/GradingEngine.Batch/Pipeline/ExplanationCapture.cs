using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Grading;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The rows of the one organisation a run explains (its own, its team's and its members'), captured as the grading
/// stages commit them; once the batch rules have acted, the organisation is graded again from them with the full
/// explanation.
/// </summary>
internal sealed class ExplanationCapture(string organisationId, int ordinal)
{
    private readonly List<Dictionary<string, object?>> _members = [];
    private Dictionary<string, object?>? _organisation;
    private Dictionary<string, object?>? _team;

    /// <summary>The organisation's ordinal in the index; -2 when no organisation has the id.</summary>
    public int Ordinal => ordinal;

    /// <summary>Keeps the input cells of a committed row of the organisation, its team or one of its members.</summary>
    public void Capture(string kind, RecordBlock block, int record, ColumnMap map)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var f = 0; f < block.FieldCount(record); f++)
        {
            var column = block.ColumnOf(record, f);
            var cell = block.Field(record, f).Trim();
            if (cell.IsEmpty || column >= map.Roles.Length)
            {
                continue;
            }

            switch (map.Roles[column])
            {
                case ColumnRole.Input:
                    values[map.Columns[column]] = cell.ToString();
                    break;
                case ColumnRole.SubjectId when kind != "领导班子":
                    values[SubjectBinder.IdField] = cell.ToString();
                    break;
            }
        }

        switch (kind)
        {
            case "党组织":
                _organisation = values;
                break;
            case "领导班子":
                _team = values;
                break;
            default:
                _members.Add(values);
                break;
        }
    }

    /// <summary>The organisation (whose level the batch gave as <paramref name="level"/>) graded again with the full explanation, and what the batch did to it; null when its row was not graded.</summary>
    public BatchExplanation? Build(RunContext context, OrganisationIndex index, BatchRuleOutcome rules, LastYearLevels lastYear, int level)
    {
        if (_organisation is null)
        {
            return null;
        }

        var grader = context.Grader;
        var subject = new Dictionary<string, object?>(_organisation)
        {
            [SubjectBinder.IdField] = organisationId,
            [grader.MembersInput.Id] = _members.Cast<object?>().ToList(),
            [grader.TeamInput.Id] = _team,
        };
        var notes = new List<string>();
        if (rules.QuotaNote(ordinal) is { } quota)
        {
            notes.Add(quota);
        }

        if (rules.BottomMark(ordinal) is { } bottom)
        {
            notes.Add(bottom.Note);
        }

        var result = grader.OrganisationScheme.GradeInBatch(subject, rules.ImposedCap(ordinal));
        var (last, change) = lastYear.Compare(ordinal, level);
        return new BatchExplanation(result, index.RegionPath(ordinal), notes, last.Length == 0 ? null : $"上年“{last}”，本年“{result.Level?.Label}”：{change}") { Input = subject };
    }
}
