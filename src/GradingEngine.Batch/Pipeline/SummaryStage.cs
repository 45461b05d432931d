using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The last stage before the sinks complete: the run's summary from what the stages returned — each input file's
/// counts, the levels and flags of each kind, the region tree with its levels, quota moves, bottom-ranking marks and
/// year-over-year transitions, and what the batch rules did.
/// </summary>
internal static class SummaryStage
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

    public static BatchSummary Build(RunContext context, OrganisationIndex index, IndexStage.IndexedFile organisations, KeptTeams teams, KeptMembers members, OrganisationResults results, BatchRuleOutcome rules, LastYearLevels lastYear)
    {
        var scheme = context.Organisation;
        var levelCount = scheme.Levels.Count;
        var root = new RegionNode("全部", "全部", 0);
        var nodes = new List<RegionNode>();
        void Init(RegionNode node)
        {
            node.Levels = new long[levelCount + 1];
            node.Matrix = new long[levelCount, levelCount];
        }

        Init(root);
        for (var ordinal = 0; ordinal < index.Count; ordinal++)
        {
            if (!results.Graded[ordinal])
            {
                continue;
            }

            var node = root;
            Count(node, ordinal);
            for (var g = 0; g < context.Options.RegionLevels.Count; g++)
            {
                var value = index.GroupOf(ordinal, g);
                if (!node.ByValue.TryGetValue(value, out var child))
                {
                    var name = index.GroupValue(g, value);
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
            var level = results.Levels[ordinal];
            node.Levels[level >= 0 ? level : levelCount]++;
            if (rules.QuotaNote(ordinal) is not null)
            {
                node.QuotaMoved++;
            }

            if (rules.BottomMark(ordinal) is not null)
            {
                node.BottomMarked++;
            }

            var last = lastYear.Of(ordinal);
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
        var levelLabels = scheme.Levels.Select(l => l.DisplayName).ToList();
        var regions = nodes.Select(n => new RegionSummary(
            n.Path, n.Name, n.Depth, n.Organisations, Counts(levelLabels, n.Levels, n.Organisations, withheld: false),
            n.QuotaMoved, n.BottomMarked, context.Files.LastYear is null ? null : Transitions(n, levelLabels))).ToList();

        var files = new List<FileSummary> { organisations.Summary(results.GradedCount, results.Rejected), teams.File, members.File };
        if (lastYear.File is { } lastYearFile)
        {
            files.Add(lastYearFile);
        }

        var kinds = new List<KindSummary>
        {
            Kind("党组织", context.Grader.OrganisationScheme, scheme, results.Counts),
            Kind("领导班子", context.Grader.TeamScheme, context.Team, teams.Counts),
            Kind("党员", context.Grader.MemberScheme, context.Member, members.Counts),
        };

        return new BatchSummary(
            context.Grader.OrganisationScheme.Id,
            context.Grader.OrganisationScheme.Version,
            files,
            kinds,
            regions,
            context.RuleSummaries,
            context.Files.LastYear is null ? null : new YearOverYearSummary(context.Files.LastYear, Transitions(root, levelLabels)));
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
}
