using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;
using GradingEngine.Grading;

namespace GradingEngine.Batch;

internal sealed partial class ProvinceRun
{
    private sealed class RegionNode(string name, string path, int depth)
    {
        public readonly string Name = name;
        public readonly string Path = path;
        public readonly int Depth = depth;
        public readonly List<RegionNode> Children = [];
        public readonly Dictionary<int, RegionNode> ByValue = [];
        public long Organisations;
        public long[] Levels = [];
        public long QuotaMoved;
        public long BottomMarked;
        public long[,] Matrix = new long[0, 0];
        public long New;
    }

    private BatchSummary BuildSummary()
    {
        var levelCount = _org.Levels.Count;
        var root = new RegionNode("全部", "全部", 0);
        var nodes = new List<RegionNode>();
        void Init(RegionNode node)
        {
            node.Levels = new long[levelCount + 1];
            node.Matrix = new long[levelCount, levelCount];
        }

        Init(root);
        for (var ordinal = 0; ordinal < _orgIds.Count; ordinal++)
        {
            if (!_orgGraded[ordinal])
            {
                continue;
            }

            var node = root;
            Count(node, ordinal);
            for (var g = 0; g < _options.RegionLevels.Count; g++)
            {
                var value = _orgGroups[ordinal][g];
                if (!node.ByValue.TryGetValue(value, out var child))
                {
                    var name = _groupValues[g][value];
                    child = new RegionNode(name, node == root ? name : node.Path + "/" + name, g + 1);
                    Init(child);
                    node.ByValue[value] = child;
                    node.Children.Add(child);
                }

                node = child;
                Count(node, ordinal);
            }
        }

        void Count(RegionNode node, int ordinal)
        {
            node.Organisations++;
            var level = _levels[ordinal];
            node.Levels[level >= 0 ? level : levelCount]++;
            if (QuotaNote(ordinal) is not null)
            {
                node.QuotaMoved++;
            }

            if (BottomMark(ordinal) is not null)
            {
                node.BottomMarked++;
            }

            var last = _lastYear.Length == 0 ? -1 : _lastYear[ordinal];
            if (last >= 0 && level >= 0)
            {
                node.Matrix[last, level]++;
            }
            else
            {
                node.New++;
            }
        }

        void Walk(RegionNode node)
        {
            nodes.Add(node);
            foreach (var child in node.Children)
            {
                Walk(child);
            }
        }

        Walk(root);
        var levelLabels = _org.Levels.Select(l => l.DisplayName).ToList();
        var regions = nodes.Select(n => new RegionSummary(
            n.Path, n.Name, n.Depth, n.Organisations, Counts(levelLabels, n.Levels, n.Organisations, withheld: false),
            n.QuotaMoved, n.BottomMarked, _files.LastYear is null ? null : Transitions(n, levelLabels))).ToList();

        var files = new List<FileSummary> { OrganisationFileSummary(_orgGradedCount), _teamFile!, _memberFile! };
        if (_lastYearFile is not null)
        {
            files.Add(_lastYearFile);
        }

        var kinds = new List<KindSummary>
        {
            Kind("党组织", _grader.OrganisationScheme, _org, _orgCounts!),
            Kind("领导班子", _grader.TeamScheme, _team, _teamCounts!),
            Kind("党员", _grader.MemberScheme, _member, _memberCounts!),
        };

        return new BatchSummary(
            _grader.OrganisationScheme.Id,
            _grader.OrganisationScheme.Version,
            files,
            kinds,
            regions,
            _ruleSummaries,
            _files.LastYear is null ? null : new YearOverYearSummary(_files.LastYear, Transitions(root, levelLabels)));
    }

    private static KindSummary Kind(string kind, GradingScheme scheme, CheckedScheme plan, KindCounts counts)
    {
        var labels = plan.Levels.Select(l => l.DisplayName).ToList();
        var flags = plan.Flags.Select((f, i) => new LevelCount(f.DisplayName, counts.Flags[i], Share(counts.Flags[i], counts.Graded))).ToList();
        return new KindSummary(kind, scheme.Id, scheme.Version, counts.Graded, Counts(labels, counts.Levels, counts.Graded, withheld: true), flags);
    }

    private static List<LevelCount> Counts(List<string> labels, long[] counts, long total, bool withheld)
    {
        var result = labels.Select((label, i) => new LevelCount(label, counts[i], Share(counts[i], total))).ToList();
        if (withheld && counts[^1] > 0)
        {
            result.Add(new LevelCount("不评定", counts[^1], Share(counts[^1], total)));
        }

        return result;
    }

    private static double Share(long count, long total) => total == 0 ? 0 : Math.Round((double)count / total, 4, MidpointRounding.AwayFromZero);

    private static TransitionSummary Transitions(RegionNode node, List<string> labels)
    {
        long up = 0, same = 0, down = 0;
        var n = labels.Count;
        var matrix = new List<IReadOnlyList<long>>();
        for (var last = 0; last < n; last++)
        {
            var row = new long[n];
            for (var now = 0; now < n; now++)
            {
                row[now] = node.Matrix[last, now];
                if (now < last)
                {
                    up += row[now];
                }
                else if (now == last)
                {
                    same += row[now];
                }
                else
                {
                    down += row[now];
                }
            }

            matrix.Add(row);
        }

        long bottom = 0, bottomUp = 0;
        for (var now = 0; now < n; now++)
        {
            bottom += node.Matrix[n - 1, now];
            if (now < n - 1)
            {
                bottomUp += node.Matrix[n - 1, now];
            }
        }

        return new TransitionSummary(up + same + down, up, same, down, node.New, bottom, bottomUp, labels, matrix);
    }

    // ------------------------------------------------------------------ explanation of one organisation

    private string? _explainId;
    private int _explainOrdinal = -2;
    private Dictionary<string, object?>? _explainOrganisation;
    private Dictionary<string, object?>? _explainTeam;
    private readonly List<Dictionary<string, object?>> _explainMembers = [];

    private void CaptureForExplanation(string kind, RecordBlock block, int record, ColumnMap map)
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
                _explainOrganisation = values;
                break;
            case "领导班子":
                _explainTeam = values;
                break;
            default:
                _explainMembers.Add(values);
                break;
        }
    }

    private BatchExplanation? BuildExplanation()
    {
        if (_explainOrganisation is null || _explainId is null)
        {
            return null;
        }

        var ordinal = _ordinalById[_explainId];
        var subject = new Dictionary<string, object?>(_explainOrganisation)
        {
            [SubjectBinder.IdField] = _explainId,
            [_grader.MembersInput.Id] = _explainMembers.Cast<object?>().ToList(),
            [_grader.TeamInput.Id] = _explainTeam,
        };
        var notes = new List<string>();
        if (QuotaNote(ordinal) is { } quota)
        {
            notes.Add(quota);
        }

        if (BottomMark(ordinal) is { } bottom)
        {
            notes.Add(bottom.Note);
        }

        var result = _grader.OrganisationScheme.GradeInBatch(subject, _imposedCap[ordinal]);
        var region = string.Join("/", Enumerable.Range(0, _options.RegionLevels.Count).Select(g => _groupValues[g][_orgGroups[ordinal][g]]));
        var (last, change) = YearOverYear(ordinal);
        return new BatchExplanation(result, region, notes, last.Length == 0 ? null : $"上年“{last}”，本年“{result.Level?.Label}”：{change}") { Input = subject };
    }

    /// <summary>Called once the index exists: which ordinal to capture rows for.</summary>
    private void PrepareExplanation()
    {
        if (_explainId is not null)
        {
            _explainOrdinal = _ordinalById.TryGetValue(_explainId, out var ordinal) ? ordinal : -2;
        }
    }
}
